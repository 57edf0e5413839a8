import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS: its default export arrives as the module object's `default`.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

interface Operation {
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
export interface ApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

/**
 * Checks answers against the API document the server publishes: the JSON body of a
 * success against its operation's schema, any failure against the error shape. The
 * test server's `api()` runs every answer through it, so every API test also tests
 * that the document tells the truth.
 */
export class AnswerCheck {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly operations: Array<{ method: string; pattern: RegExp; params: number; operation: Operation }> = [];
  private readonly compiled = new Map<unknown, ValidateFunction>();

  constructor(document: ApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: "api", components: document.components });
    for (const [path, methods] of Object.entries(document.paths)) {
      const pattern = new RegExp(`^${path.replace(/\{\w+\}/g, "[^/]+")}$`);
      const params = (path.match(/\{/g) ?? []).length;
      for (const [method, operation] of Object.entries(methods)) this.operations.push({ method, pattern, params, operation });
    }
    // A literal segment wins over a parameter (/api/calls/validate before /api/calls/{callId}).
    this.operations.sort((a, b) => a.params - b.params);
  }

  /** The operation a request lands on, or undefined for a path the API does not have. */
  operation(method: string, url: string): Operation | undefined {
    const path = new URL(url, "http://x").pathname;
    return this.operations.find((o) => o.method === method.toLowerCase() && o.pattern.test(path))?.operation;
  }

  /** Problems of one JSON answer (empty when it matches its schema). */
  problems(method: string, url: string, status: number, body: unknown): string[] {
    const operation = this.operation(method, url);
    const key = status >= 200 && status < 300 ? "2XX" : status >= 400 && status < 500 ? "4XX" : "5XX";
    let schema: unknown = operation?.responses[key]?.content?.["application/json"]?.schema;
    // A path the API does not have still answers in the error shape.
    if (!operation && status >= 400) schema = { $ref: "#/components/schemas/Error" };
    if (schema === undefined) return [];
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(rebase(schema) as object);
      this.compiled.set(schema, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${method} ${url} ${status}: ${e.instancePath || "(answer)"} ${e.message} ${JSON.stringify(e.params)}`);
  }
}

/** Refs into the document's components resolve against the schema registered as "api". */
function rebase(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"api#/components/'));
}
