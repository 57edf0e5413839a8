import type { z } from "zod";

/** One broken rule: where in the input, and why. The `details[]` entries of every error answer. */
export interface Problem {
  path: string;
  message: string;
}

/** `circles[3].ties[0].forms.support`: the path notation of call-format.md. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

function zodProblems(error: z.ZodError, prefix: ReadonlyArray<PropertyKey> = []): Problem[] {
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    message: issue.message,
  }));
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** Parse with a schema and turn failure into problems with paths. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix: ReadonlyArray<PropertyKey> = [],
): Parsed<z.infer<S>> {
  const result = schema.safeParse(input);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, problems: zodProblems(result.error, prefix) };
}

/** Input that breaks a rule of the domain: answered as 400 with its problems. */
export class RuleError extends Error {
  constructor(
    message: string,
    readonly problems: Problem[],
  ) {
    super(message);
  }
}

/** A write that would contradict stored data or the state of a wave: answered as 409. */
export class ConflictError extends Error {
  constructor(
    message: string,
    readonly problems: Problem[] = [],
    readonly code = "conflict",
  ) {
    super(message);
  }
}
