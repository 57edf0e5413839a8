import type { z } from "zod";
import { parseWith } from "../schema/problems.ts";
import { badRequest } from "./errors.ts";

/** Validate a part of the request at the edge; a failure is a 400 naming `body.…`, `query.…` or `params.…`. */
export function validate<S extends z.ZodType>(schema: S, input: unknown, where: "body" | "query" | "params"): z.infer<S> {
  const parsed = parseWith(schema, input, [where]);
  if (!parsed.ok) throw badRequest(parsed.problems);
  return parsed.value;
}
