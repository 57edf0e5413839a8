import express from "express";
import type { AddressInfo } from "node:net";
import { expect, it } from "vitest";
import { pagerank } from "../../api/analysis/pagerank.ts";
import { errorHandler } from "../../api/http/errors.ts";
import { csrOf } from "../analysis/kernel-graph.ts";

it("answers a PageRank that does not settle with a clear error in the one error shape, never NaN figures", async () => {
  const logs: string[] = [];
  const app = express();
  // The metrics routes run the kernel with alpha = 0.85, which always settles; alpha = 1 on a periodic graph does not.
  app.get("/figures", (_req, res) => {
    res.json({ pagerank: [...pagerank(csrOf(3, [[0, 1], [1, 0], [2, 0]]), 1)] });
  });
  app.use(errorHandler((line) => logs.push(line)));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/figures`);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({
      error: { code: "not_converged", message: "PageRank did not converge within 100 iterations; the figures cannot be given", details: [] },
    });
    expect(logs).toEqual(["error GET /figures: PageRank did not converge within 100 iterations"]);
  } finally {
    server.close();
  }
});
