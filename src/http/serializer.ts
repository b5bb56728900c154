import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * zod marks output objects `additionalProperties: false`; fast-json-stringify would then reject an
 * object carrying more than the schema names (inside anyOf, such as a nullable object). Without the
 * flag it serialises only the named properties, which is the allow-list wanted.
 */
function allowExtraInput(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(allowExtraInput);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'additionalProperties' && value === false) continue;
    out[key] = allowExtraInput(value);
  }
  return out;
}

/**
 * Response serialisation from the routes' zod schemas, compiled once per route with
 * fast-json-stringify (Fastify's own serialiser). Like zod's serialiser it is an allow-list: a
 * property the schema does not name is never sent. Encoding with zod on every reply cost more than
 * the rest of a small request. A schema JSON Schema cannot express (a transform) keeps zod's serialiser.
 */
export const serializerCompiler: FastifySerializerCompiler<z.ZodType> = (route) => {
  const schema = route.schema;
  if (!(schema instanceof z.ZodType)) return zodSerializerCompiler(route);
  // Compiled on first use and shared by every route answering with the same schema (the problem
  // schema is on almost all of them): compiling all of them at start-up took most of a second.
  let serialize: ((data: unknown) => string) | undefined;
  return (data: unknown) => {
    serialize ??= compiled.get(schema) ?? compile(route, schema);
    return serialize(data);
  };
};

type FastJson = typeof fastJson;

const compiled = new WeakMap<z.ZodType, (data: unknown) => string>();

/**
 * A serialiser for one zod schema, outside a route (for JSON kept and reused, such as feed events):
 * the same allow-list fast-json-stringify builds for responses. Throws for a schema JSON Schema
 * cannot express.
 */
export function jsonSerializer(schema: z.ZodType): (data: unknown) => string {
  const json = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'throw' });
  return fastJson(allowExtraInput(json) as Parameters<FastJson>[0]);
}

function compile(route: Parameters<FastifySerializerCompiler<z.ZodType>>[0], schema: z.ZodType): (data: unknown) => string {
  let serialize: (data: unknown) => string;
  try {
    serialize = jsonSerializer(schema);
  } catch {
    serialize = zodSerializerCompiler(route) as (data: unknown) => string;
  }
  compiled.set(schema, serialize);
  return serialize;
}
