"""Reference fixtures for the analysis engine, computed with NetworkX.

Each fixture is a lot in one wave (the LotData shape the engine reads), a layer
and a missing-data mode, plus what NetworkX returns on the lot graph built from it
per docs/metrics.md. The graph is built here independently of the TypeScript code, so
the fixtures check the graph building as well as the measures.

It also reads the committed GEXF sample export (tests/fixtures/exports/, written
by scripts/write-export-sample.ts) with NetworkX's reader and records what NetworkX
made of it, so that the tests can check, without Python, that NetworkX reads our
GEXF with every attribute in its declared type and the colours as r/g/b.

And it writes call documents whose waves ask the desired situation and the channels
(tests/fixtures/desired/), with the figures of docs/metrics.md ("Desired situation",
"Channels") computed here for every lot and layer, for the tests to compare with
what the metrics endpoints answer after importing them.

Run through npm, which writes the sample first and uses the Debian interpreter
with python3-networkx:
    npm run fixtures:networkx
Deterministic: the same NetworkX version writes the same files.
"""

import json
import math
import os
import random
import shutil
import sys
from pathlib import Path

import networkx as nx

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "networkx"
EXPORTS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "exports"
DESIRED = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "desired"
FORMS = ["information", "support", "cocreation"]
LAYERS = ["all", *FORMS]
MODES = ["observed", "reconstruct"]


def lot(members, circles, coordinator=0, inactive=()):
    """LotData for members m00.. with the coordinator at index `coordinator` (None: no coordinator)."""
    return {
        "lot": {"id": "lot", "number": 1, "name": "Lot"},
        "wave": {"id": "wave", "name": "Wave"},
        "members": [
            {
                "id": m,
                "name": f"Fund {m}",
                "initials": m.upper(),
                "role": "coordinator" if i == coordinator else "partner",
                "active": m not in inactive,
            }
            for i, m in enumerate(members)
        ],
        "circles": [{"respondent": r, "ties": ties} for r, ties in circles.items()],
    }


def ids(n):
    return [f"m{i:02d}" for i in range(n)]


def tie(partner, **forms):
    return {"partner": partner, "forms": forms or {"information": 2}}


# --- the lot graph, per docs/metrics.md -------------------------------------------


def ties_between(circles, nodes):
    """Every tie (u, v, tie) of a respondent u's circle to another node v."""
    for u, ties in circles.items():
        for t in ties:
            if t["partner"] != u and t["partner"] in nodes:
                yield u, t["partner"], t


def lot_graph(data, layer, mode):
    active = [m["id"] for m in data["members"] if m["active"]]
    members = {m["id"] for m in data["members"]}
    circles = {c["respondent"]: c["ties"] for c in data["circles"] if c["respondent"] in active}
    g = nx.DiGraph()
    g.add_nodes_from(active)
    for u, v, t in ties_between(circles, g):
        kept = {f: s for f, s in t["forms"].items() if layer == "all" or f == layer}
        if kept:
            g.add_edge(u, v, weight=max(kept.values()), reconstructed=False)
    if mode == "reconstruct":
        for u, v, w in list(g.edges(data="weight")):
            if v not in circles and not g.has_edge(v, u):
                g.add_edge(v, u, weight=w, reconstructed=True)
    crossings = {u: sum(1 for t in circles[u] if t["partner"] not in members) if u in circles else None for u in active}
    return g, set(circles), crossings


def nan_to_none(x):
    return None if isinstance(x, float) and math.isnan(x) else x


def expected(data, layer, mode):
    g, responded, crossings = lot_graph(data, layer, mode)
    u = nx.Graph(g)  # undirected simple: one edge per adjacent pair
    n, m = g.number_of_nodes(), g.number_of_edges()
    between = nx.betweenness_centrality(g)
    close = nx.closeness_centrality(g)
    rank = nx.pagerank(g, alpha=0.85, weight="weight")
    constraint = nx.constraint(u)
    esize = nx.effective_size(u)
    among_r = g.subgraph(responded)
    degrees = [d for _, d in u.degree()]
    network = {
        "n": n,
        "m": m,
        "respondents": len(responded),
        "responseRate": len(responded) / n if n else None,
        "density": nx.density(g) if n >= 2 else None,
        # Only arcs whose source responded: the same in both missing modes, never above 1.
        "observedDensity": sum(g.out_degree(r) for r in responded) / (len(responded) * (n - 1)) if n >= 2 and responded else None,
        "reciprocity": nx.overall_reciprocity(among_r) if among_r.number_of_edges() else None,
        "meanContribution": sum(w for _, _, w in g.edges(data="weight")) / m if m else None,
        "components": nx.number_connected_components(u),
        "degreeCentralization": sum(max(degrees) - d for d in degrees) / ((n - 1) * (n - 2)) if n >= 3 else None,
    }
    nodes = {
        v: {
            "inDegree": g.in_degree(v),
            "outDegree": g.out_degree(v),
            "inStrength": g.in_degree(v, weight="weight"),
            "outStrength": g.out_degree(v, weight="weight"),
            "betweenness": between[v],
            "closeness": close[v],
            "pagerank": rank[v],
            "constraint": nan_to_none(constraint[v]),
            "effectiveSize": nan_to_none(esize[v]),
            "crossings": crossings[v],
            "responded": v in responded,
        }
        for v in g
    }
    coordinators = [m["id"] for m in data["members"] if m["active"] and m["role"] == "coordinator"]
    coordinator = None
    if coordinators:
        c = coordinators[0]
        others = n - 1
        pairs = lambda k: k * (k - 1) // 2
        connected = sum(pairs(len(cc - {c})) for cc in nx.connected_components(u))
        without = u.copy()
        without.remove_node(c)
        connected_without = sum(pairs(len(cc)) for cc in nx.connected_components(without))
        coordinator = {
            "id": c,
            "dependency": (connected - connected_without) / pairs(others) if others >= 2 else None,
        }
    arcs = sorted(
        ({"from": a, "to": b, "weight": d["weight"], "reconstructed": d["reconstructed"]} for a, b, d in g.edges(data=True)),
        key=lambda arc: (arc["from"], arc["to"]),
    )
    return {"arcs": arcs, "network": network, "nodes": nodes, "coordinator": coordinator}


# --- the cases -----------------------------------------------------------------


def random_forms(rng):
    forms = {f: rng.randint(1, 4) for f in FORMS if rng.random() < 0.5}
    return forms or {rng.choice(FORMS): rng.randint(1, 4)}


def random_lot(rng, n, p):
    members = ids(n)
    inactive = set(rng.sample(members[1:], k=n // 10)) if n > 5 else set()
    respondents = [m for m in members if m not in inactive and rng.random() < 0.75]
    circles = {}
    for r in respondents:
        ties = [tie(v, **random_forms(rng)) for v in members if v != r and rng.random() < p]
        ties += [tie(f"ext-{k}", **random_forms(rng)) for k in range(rng.randint(0, 2))]
        circles[r] = ties
    coordinator = None if rng.random() < 0.1 else rng.randrange(n)
    return lot(members, circles, coordinator=coordinator, inactive=inactive)


def cases():
    m = ids(8)
    full = lambda k, **forms: {u: [tie(v, **forms) for v in ids(k) if v != u] for u in ids(k)}
    yield "empty", lot([], {}), "all", "observed"
    yield "one-node", lot(ids(1), {"m00": [tie("ext-1", support=3)]}), "all", "observed"
    yield "one-node-silent", lot(ids(1), {}), "support", "reconstruct"
    yield "two-nodes-mutual", lot(ids(2), {"m00": [tie("m01", information=4)], "m01": [tie("m00", information=1, support=2)]}), "information", "observed"
    yield "two-nodes-one-respondent", lot(ids(2), {"m00": [tie("m01", cocreation=3)]}), "all", "reconstruct"
    yield "two-nodes-one-respondent-observed", lot(ids(2), {"m00": [tie("m01", cocreation=3)]}), "cocreation", "observed"
    star = {"m00": [tie(v, support=3) for v in m[1:6]], **{v: [tie("m00", support=4, information=2)] for v in m[1:6]}}
    yield "star-coordinator", lot(m[:6], star), "all", "observed"
    yield "star-coordinator-support", lot(m[:6], star), "support", "observed"
    inward = {v: [tie("m00", information=3)] for v in m[1:7]}
    yield "star-inward-silent-coordinator", lot(m[:7], inward), "all", "observed"
    yield "star-inward-reconstructed", lot(m[:7], inward), "information", "reconstruct"
    yield "complete-6", lot(ids(6), full(6, information=2, support=3)), "all", "observed"
    yield "complete-6-cocreation", lot(ids(6), full(6, cocreation=1)), "cocreation", "observed"
    yield "complete-6-missing-layer", lot(ids(6), full(6, information=2)), "support", "reconstruct"
    yield "path-5", lot(ids(5), {a: [tie(b, support=2)] for a, b in zip(ids(5), ids(5)[1:])}), "all", "observed"
    yield "path-5-reconstructed", lot(ids(5), {a: [tie(b, support=2)] for a, b in zip(ids(5), ids(5)[1:])}), "all", "reconstruct"
    yield "cycle-6", lot(ids(6), {a: [tie(b, information=1)] for a, b in zip(ids(6), ids(6)[1:] + ids(6)[:1])}), "all", "observed"
    yield "cycle-6-both-ways", lot(ids(6), {a: [tie(b, information=1), tie(c, information=4)] for a, b, c in zip(ids(6), ids(6)[1:] + ids(6)[:1], ids(6)[-1:] + ids(6)[:-1])}), "information", "observed"
    triangles = {"m00": [tie("m01"), tie("m02")], "m01": [tie("m02")], "m02": [tie("m00")], "m03": [tie("m04", cocreation=4)], "m04": [tie("m05", cocreation=2)], "m05": [tie("m03", support=1)]}
    yield "disconnected-triangles", lot(ids(6), triangles), "all", "observed"
    yield "disconnected-triangles-cocreation", lot(ids(6), triangles), "cocreation", "reconstruct"
    isolates = {"m00": [tie("m01", support=3), tie("m02", information=1)], "m01": [tie("m00", support=2)], "m04": []}
    yield "isolates", lot(ids(7), isolates), "all", "observed"
    yield "isolates-reconstructed", lot(ids(7), isolates), "all", "reconstruct"
    half = {"m00": [tie("m01", information=2), tie("m02", support=4), tie("m03", cocreation=3)], "m02": [tie("m03", information=1, cocreation=2), tie("m04", support=3)], "m04": [tie("m00", information=4)]}
    yield "non-respondents", lot(ids(6), half), "all", "observed"
    yield "non-respondents-reconstructed", lot(ids(6), half), "all", "reconstruct"
    yield "non-respondents-support", lot(ids(6), half), "support", "reconstruct"
    inactive = {"m00": [tie("m01"), tie("m02", support=2), tie("ext-a", information=1)], "m01": [tie("m02", information=3), tie("m00", cocreation=4)], "m03": [tie("m00")]}
    yield "inactive-members", lot(ids(5), inactive, inactive={"m02", "m04"}), "all", "observed"
    yield "inactive-coordinator", lot(ids(5), inactive, inactive={"m00"}), "all", "reconstruct"
    outside = {"m00": [tie("ext-a"), tie("ext-b", support=1), tie("m01", support=3)], "m01": [tie("ext-a", cocreation=2)], "m02": [tie("m00", information=4)]}
    yield "outside-ties", lot(ids(4), outside, coordinator=None), "all", "observed"
    rng = random.Random(20240501)
    sizes = [5, 6, 7, 8, 9, 10, 12, 14, 16, 18, 20, 25, 30, 35, 40, 45, 50, 55, 60, 60]
    for i, n in enumerate(sizes):
        layer = LAYERS[i % 4]
        mode = MODES[(i // 4) % 2]
        p = rng.choice([0.15, 0.3, 0.5, 0.8]) if n <= 20 else rng.choice([0.05, 0.1, 0.2])
        yield f"random-{i:02d}-{n}", random_lot(rng, n, p), layer, mode


def main():
    # The README promises figures checked against NetworkX 2.8 or later (e.g. its PageRank defaults).
    if tuple(int(x) for x in nx.__version__.split(".")[:2]) < (2, 8):
        sys.exit(f"NetworkX {nx.__version__} is too old: 2.8 or later is needed")
    # NetworkX sums over sets (e.g. in constraint), whose order follows string hashing:
    # fix the hash seed so that the last bits of the floats do not change between runs.
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    count = 0
    for name, data, layer, mode in cases():
        fixture = {
            "name": name,
            "networkx": nx.__version__,
            "layer": layer,
            "missing": mode,
            "input": data,
            "expected": expected(data, layer, mode),
        }
        with open(OUT / f"{name}.json", "w") as f:
            json.dump(fixture, f, indent=1, allow_nan=False)
            f.write("\n")
        count += 1
    print(f"wrote {count} fixtures")
    write_desired_fixtures()
    read_export_sample()


# --- the desired situation and the channels (docs/metrics.md) ----------------------------

FORMAL = ["steering-group", "learning-network"]
CHANNELS = FORMAL + ["email", "phone", "chance-meeting"]


def desired_expected(doc, lot_id, layer):
    """The desired and channel figures of one lot in the document's first wave, per docs/metrics.md."""
    wave = doc["waves"][0]
    asks = wave.get("asks", {})
    lot = next(l for l in doc["lots"] if l["id"] == lot_id)
    active = [m["organisation"] for m in lot["members"] if m.get("active", True)]
    # R: the respondents with a submitted circle; drafts never count.
    circles = {
        c["respondent"]: c["ties"]
        for c in doc["circles"]
        if c["wave"] == wave["id"] and c["lot"] == lot_id and "submittedAt" in c and c["respondent"] in active
    }
    kept = lambda forms: max((s for f, s in forms.items() if layer == "all" or f == layer), default=0)
    current = nx.DiGraph()  # the observed arcs from R, with their tie's channels
    desired = nx.DiGraph()  # D, weighted by d
    current.add_nodes_from(active)
    desired.add_nodes_from(active)
    for u, v, t in ties_between(circles, current):
        if kept(t["forms"]):
            current.add_edge(u, v, weight=kept(t["forms"]), channels=t.get("channels", []))
        if kept(t.get("desired", {})):
            desired.add_edge(u, v, weight=kept(t["desired"]))
    n = len(active)
    expected = {"desired": None, "desiredInStrength": None, "coordinator": None, "channels": None}
    coordinators = [m["organisation"] for m in lot["members"] if m.get("active", True) and m["role"] == "coordinator"]
    if asks.get("desired"):
        c = lambda e: current.edges[e]["weight"] if current.has_edge(*e) else 0
        d = lambda e: desired.edges[e]["weight"] if desired.has_edge(*e) else 0
        pairs = set(current.edges()) | set(desired.edges())
        ds = [w for _, _, w in desired.edges(data="weight")]
        expected["desired"] = {
            "m": desired.number_of_edges(),
            "density": nx.density(desired) if n >= 2 else None,
            "meanContribution": sum(ds) / len(ds) if ds else None,
            "gap": {
                "deepen": sum(1 for e in pairs if d(e) > c(e)),
                "loosen": sum(1 for e in pairs if d(e) < c(e)),
                "same": sum(1 for e in pairs if d(e) == c(e)),
                "wished": sum(1 for e in pairs if c(e) == 0 < d(e)),
                "dropped": sum(1 for e in pairs if d(e) == 0 < c(e)),
                "meanDelta": sum(d(e) - c(e) for e in pairs) / len(pairs) if pairs else None,
            },
        }
        strength = dict(desired.in_degree(weight="weight"))
        expected["desiredInStrength"] = strength
        if coordinators:
            total = sum(strength.values())
            share = strength[coordinators[0]] / total if total else None
            expected["coordinator"] = {
                "id": coordinators[0],
                "desiredInStrengthShare": share,
                "desiredDominanceIndex": (share - 1 / n) / (1 - 1 / n) if n >= 2 and share is not None else None,
            }
    if asks.get("channels"):
        answered = [cs for _, _, cs in current.edges(data="channels") if cs]
        share = lambda test: sum(1 for cs in answered if test(cs)) / len(answered) if answered else None
        expected["channels"] = {
            "answered": len(answered),
            "share": {ch: share(lambda cs, ch=ch: ch in cs) for ch in CHANNELS},
            "formalShare": share(lambda cs: any(ch in FORMAL for ch in cs)),
            "informalOnlyShare": share(lambda cs: not any(ch in FORMAL for ch in cs)),
        }
    return expected


def desired_call(name, lots, circles, asks, others=("ext-1", "ext-2")):
    """A call document: `lots` maps a lot suffix to [(organisation, role, active)]; one wave asking `asks`."""
    orgs = sorted({o for members in lots.values() for o, _, _ in members})
    return {
        "format": "netwerkcirkel/v1",
        "call": {"id": name, "name": f"Call {name}", "start": "2025-01-01", "end": "2027-12-31"},
        "organisations": [{"id": o, "name": f"Fund {o}"} for o in orgs] + [{"id": o, "name": f"Outside {o}", "kind": "external"} for o in others],
        "lots": [
            {
                "id": f"{name}-{suffix}",
                "number": i + 1,
                "name": f"Lot {suffix}",
                "members": [{"organisation": o, "role": role, "active": active} for o, role, active in members],
            }
            for i, (suffix, members) in enumerate(lots.items())
        ],
        "waves": [{"id": f"{name}-w", "name": "Wave", "opens": "2026-01-01", "closes": "2026-12-31", "asks": asks}],
        "circles": [
            {"wave": f"{name}-w", "lot": f"{name}-{suffix}", "respondent": r, **({"submittedAt": "2026-03-01T10:00:00Z"} if submitted else {}), "ties": ties}
            for suffix, r, submitted, ties in circles
        ],
    }


def random_desired_call(rng, name, sizes, asks):
    counter = iter(range(1000))
    lots = {}
    for k, size in enumerate(sizes):
        members = [f"o{next(counter):02d}" for _ in range(size)]
        coordinator = None if rng.random() < 0.2 else rng.randrange(size)
        inactive = set(rng.sample(members, k=1)) if size > 4 and rng.random() < 0.5 else set()
        lots["abcdefgh"[k]] = [(o, "coordinator" if i == coordinator else "partner", o not in inactive) for i, o in enumerate(members)]
    everyone = [o for members in lots.values() for o, _, _ in members] + ["ext-1", "ext-2"]
    circles = []
    for suffix, members in lots.items():
        own = [o for o, _, _ in members]
        for r, _, active in members:
            if not active or rng.random() < 0.25:
                continue
            submitted = rng.random() < 0.85
            ties = []
            for v in everyone:
                if v == r or rng.random() >= (0.55 if v in own else 0.1):
                    continue
                t = {"partner": v, "forms": random_forms(rng) if rng.random() < 0.8 else {}}
                if asks.get("desired"):
                    wish = random_forms(rng) if rng.random() < 0.8 else {}
                    if t["forms"] or wish:
                        t["desired"] = wish
                    elif submitted:
                        t["desired"] = random_forms(rng)
                if not t["forms"] and not t.get("desired"):
                    t["forms"] = random_forms(rng)
                if asks.get("channels"):
                    t["channels"] = rng.sample(CHANNELS, k=rng.choice([0, 1, 1, 2, 3]))
                ties.append(t)
            circles.append((suffix, r, submitted, ties))
    return desired_call(name, lots, circles, asks)


def desired_cases():
    # Worked by hand in tests/analysis/desired-situation.test.ts too: every kind of pair in one lot.
    lots = {"a": [("alpha", "coordinator", True), ("beta", "partner", True), ("gamma", "partner", True), ("delta", "partner", True), ("eps", "partner", False)]}
    circles = [
        ("a", "alpha", True, [
            {"partner": "beta", "forms": {"information": 2, "support": 3}, "desired": {"support": 4, "cocreation": 2}, "channels": ["steering-group", "email"]},
            {"partner": "gamma", "forms": {"cocreation": 3}, "desired": {}, "channels": ["phone"]},
            {"partner": "delta", "forms": {}, "desired": {"cocreation": 1}},
            {"partner": "eps", "forms": {"information": 4}, "desired": {"information": 4}, "channels": ["learning-network"]},
            {"partner": "ext-1", "forms": {"support": 2}, "desired": {"support": 4}, "channels": ["email"]},
        ]),
        ("a", "beta", True, [
            {"partner": "alpha", "forms": {"information": 3}, "desired": {"information": 3}, "channels": []},
            {"partner": "gamma", "forms": {"support": 4}, "desired": {"support": 1, "information": 2}, "channels": ["chance-meeting", "email"]},
        ]),
        # A draft never counts, wishes and channels included.
        ("a", "gamma", False, [{"partner": "alpha", "forms": {}, "desired": {"cocreation": 4}, "channels": ["steering-group"]}]),
    ]
    yield desired_call("desired-known", lots, circles, {"desired": True, "channels": True})
    rng = random.Random(20261202)
    yield random_desired_call(rng, "desired-random-1", [5, 3], {"desired": True, "channels": True})
    yield random_desired_call(rng, "desired-random-2", [8, 6, 4], {"desired": True, "channels": True})
    yield random_desired_call(rng, "desired-random-3", [12, 2], {"desired": True})
    yield random_desired_call(rng, "desired-random-4", [10, 7], {"channels": True})
    yield random_desired_call(rng, "desired-random-5", [20, 15], {"desired": True, "channels": True, "nextPartners": True})


def write_desired_fixtures():
    if DESIRED.exists():
        shutil.rmtree(DESIRED)
    DESIRED.mkdir(parents=True)
    count = 0
    for doc in desired_cases():
        fixture = {
            "name": doc["call"]["id"],
            "call": doc,
            "expected": {lot["id"]: {layer: desired_expected(doc, lot["id"], layer) for layer in LAYERS} for lot in doc["lots"]},
        }
        with open(DESIRED / f"{doc['call']['id']}.json", "w") as f:
            json.dump(fixture, f, indent=1, allow_nan=False)
            f.write("\n")
        count += 1
    print(f"wrote {count} desired-situation fixtures")


def typed(attrs):
    """Each attribute as [value, Python type name], as NetworkX read it."""
    return {k: [v, type(v).__name__] for k, v in sorted(attrs.items()) if k != "viz"}


def read_export_sample():
    g = nx.read_gexf(EXPORTS / "sample-lot.gexf")
    reading = {
        "networkx": nx.__version__,
        "directed": g.is_directed(),
        "nodes": {v: {"attributes": typed(d), "viz": d.get("viz")} for v, d in g.nodes(data=True)},
        "edges": [{"from": a, "to": b, "attributes": typed(d)} for a, b, d in sorted(g.edges(data=True))],
    }
    with open(EXPORTS / "sample-lot.networkx.json", "w") as f:
        json.dump(reading, f, indent=1, allow_nan=False, ensure_ascii=False)
        f.write("\n")
    print("read the GEXF sample with NetworkX")


if __name__ == "__main__":
    main()
