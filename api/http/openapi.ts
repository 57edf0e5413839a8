import { z } from "zod";
import { ErrorAnswerSchema } from "../schema/answers.ts";
import type { RouteDef } from "./routes.ts";

/**
 * The OpenAPI 3.1 document of the API, made from the route table: every route with
 * its roles, path parameters and the JSON Schema of its answer, which zod writes from
 * the same schema the answer is checked against (`z.toJSONSchema`, output mode, so
 * an answer may hold no property the schema does not name). Errors have the one
 * error shape. OpenAPI 3.1 takes JSON Schema 2020-12 as it is.
 */

const jsonSchema = (schema: z.ZodType) => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: "output", unrepresentable: "any" });
  return rest;
};

/** `/api/lots/:lotId` → `/api/lots/{lotId}`. */
export const openApiPath = (path: string): string => path.replace(/:(\w+)/g, "{$1}");

const json = (schema: unknown) => ({ "application/json": { schema } });

function operation(route: RouteDef) {
  const params = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } }));
  const success =
    route.response instanceof z.ZodType
      ? { "2XX": { description: "success", content: json(jsonSchema(route.response)) } }
      : "file" in route.response
      ? { "2XX": { description: "a file", content: Object.fromEntries(route.response.file.map((type) => [type, { schema: { type: "string" } }])) } }
      : { "303": { description: route.response.redirect, headers: { Location: { required: true, schema: { type: "string" } } } } };
  const error = { description: "the one error shape", content: json({ $ref: "#/components/schemas/Error" }) };
  return {
    operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+(\w)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase())}`,
    tags: [route.path.split("/")[2] ?? "api"],
    "x-roles": route.roles === "public" ? [] : [...route.roles],
    ...(params.length > 0 && { parameters: params }),
    security: route.roles === "public" ? [] : [{ bearer: [] }],
    responses: {
      ...success,
      "4XX": error,
      "5XX": error,
    },
  };
}

export function openApiDocument(routes: readonly RouteDef[], version: string) {
  const paths: Record<string, Record<string, ReturnType<typeof operation>>> = {};
  for (const route of routes) (paths[openApiPath(route.path)] ??= {})[route.method] = operation(route);
  return {
    openapi: "3.1.0",
    info: {
      title: "netwerkcirkel API",
      version,
      description:
        "Partnership network analysis. Every call carries `Authorization: Bearer <token>` except the public ones; `x-roles` names the roles that may call an operation (401 without a valid token, 403 with the wrong role).",
    },
    paths,
    components: {
      schemas: { Error: jsonSchema(ErrorAnswerSchema) },
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    },
  };
}

/** What GET /api/openapi.json answers: an OpenAPI document (checked in full by the tests with an OpenAPI validator). */
export const OpenApiDocumentSchema = z.looseObject({ openapi: z.literal("3.1.0"), paths: z.record(z.string(), z.unknown()) });
