"""Times NetworkX and python-igraph on the graphs of scripts/bench-analysis.ts.

    /usr/bin/python3 scripts/bench-analysis.py GRAPH_FILE [--runs K] [--skip-networkx]

GRAPH_FILE: first line "n m", then one arc "source target weight" per line, nodes
0..n-1. Times betweenness (directed, unweighted), closeness (inward distances) and
PageRank (alpha 0.85, weighted) on a graph built beforehand; the best of K runs.
Prints JSON: per library, seconds per measure and the values, normalised as
NetworkX does, so that the caller can check it computed the same thing.
"""

import argparse
import json
import time

import igraph
import networkx as nx


def read(path):
    with open(path) as f:
        n, m = map(int, f.readline().split())
        arcs = [tuple(map(int, line.split())) for line in f]
    assert len(arcs) == m
    return n, arcs


def best(runs, compute):
    seconds, value = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        value = compute()
        seconds = min(seconds, time.perf_counter() - start)
    return seconds, value


def with_igraph(n, arcs, runs):
    g = igraph.Graph(n=n, edges=[(u, v) for u, v, _ in arcs], directed=True)
    g.es["weight"] = [w for _, _, w in arcs]
    tb, b = best(runs, lambda: g.betweenness(directed=True))
    tc, c = best(runs, lambda: g.closeness(mode="in"))
    tp, p = best(runs, lambda: g.pagerank(weights="weight", damping=0.85))
    # igraph: raw betweenness, closeness over reachable nodes only; rescale as NetworkX (not timed).
    reaching = [size - 1 for size in g.neighborhood_size(order=n, mode="in")]
    scale = 1 / ((n - 1) * (n - 2))
    closeness = [0.0 if r == 0 or x != x else x * r / (n - 1) for x, r in zip(c, reaching)]
    return {
        "seconds": {"betweenness": tb, "closeness": tc, "pagerank": tp},
        "values": {"betweenness": [x * scale for x in b], "closeness": closeness, "pagerank": p},
    }


def with_networkx(n, arcs, runs):
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_weighted_edges_from(arcs)
    tb, b = best(runs, lambda: nx.betweenness_centrality(g))
    tc, c = best(runs, lambda: nx.closeness_centrality(g))
    tp, p = best(runs, lambda: nx.pagerank(g, alpha=0.85, weight="weight"))
    return {
        "seconds": {"betweenness": tb, "closeness": tc, "pagerank": tp},
        "values": {name: [d[v] for v in range(n)] for name, d in (("betweenness", b), ("closeness", c), ("pagerank", p))},
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("graph")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--skip-networkx", action="store_true")
    args = parser.parse_args()
    n, arcs = read(args.graph)
    result = {"igraph": with_igraph(n, arcs, args.runs)}
    if not args.skip_networkx:
        result["networkx"] = with_networkx(n, arcs, 1)  # minutes on big graphs: once is enough
    print(json.dumps(result))


if __name__ == "__main__":
    main()
