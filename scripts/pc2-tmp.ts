import type { Csr } from "/work/main/api/analysis/csr.ts";
export function pathCentrality2({ ids, starts, targets }: Csr) {
  const n = ids.length;
  const betweenness = new Float64Array(n);
  const reachedBy = new Float64Array(n);
  const distanceIn = new Float64Array(n);
  const distance = new Int32Array(n).fill(-1);
  const paths = new Float64Array(n);
  const dependency = new Float64Array(n);
  const coefficient = new Float64Array(n);
  const order = new Int32Array(n);
  const levelStart = new Int32Array(n + 2);
  for (let s = 0; s < n; s++) {
    let head = 0, tail = 0, deepest = 0;
    order[tail++] = s; distance[s] = 0; paths[s] = 1; levelStart[0] = 0;
    while (head < tail) {
      const v = order[head++]!;
      const next = distance[v]! + 1;
      const pathsV = paths[v]!;
      for (let j = starts[v]!, end = starts[v + 1]!; j < end; j++) {
        const w = targets[j]!;
        const dw = distance[w]!;
        if (dw < 0) {
          if (next > deepest) { deepest = next; levelStart[next] = tail; }
          distance[w] = next; order[tail++] = w; paths[w] = pathsV;
        } else if (dw === next) paths[w] = paths[w]! + pathsV;
      }
    }
    levelStart[deepest + 1] = tail;
    for (let level = deepest; level > 0; level--) {
      if (level + 2 <= deepest) for (let i = levelStart[level + 2]!; i < levelStart[level + 3]!; i++) coefficient[order[i]!] = 0;
      const from = levelStart[level]!, to = levelStart[level + 1]!;
      for (let i = from; i < to; i++) {
        const w = order[i]!;
        let sum = 0;
        for (let j = starts[w]!, end = starts[w + 1]!; j < end; j++) sum += coefficient[targets[j]!]!;
        const d = paths[w]! * sum;
        dependency[w] = d;
        betweenness[w] = betweenness[w]! + d;
        reachedBy[w] = reachedBy[w]! + 1;
        distanceIn[w] = distanceIn[w]! + level;
      }
      for (let i = from; i < to; i++) { const w = order[i]!; coefficient[w] = (1 + dependency[w]!) / paths[w]!; }
    }
    for (let i = 0; i < tail; i++) { const v = order[i]!; distance[v] = -1; coefficient[v] = 0; }
  }
  const scale = n > 2 ? 1 / ((n - 1) * (n - 2)) : 1;
  const closeness = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    betweenness[v] = betweenness[v]! * scale;
    const r = reachedBy[v]!, t = distanceIn[v]!;
    if (t > 0) closeness[v] = (r / t) * (r / (n - 1));
  }
  return { betweenness, closeness };
}
