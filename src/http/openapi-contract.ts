import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { problemExamples } from './openapi-examples.js';
import { shareParameters, tidySchemas } from './openapi-tidy.js';

// The HTTP side of the contract, written once for every route: the headers a client sends and gets
// back, and the error answers. They follow from what a route declares (its statuses and its config),
// never from text repeated in each route:
// - 428 or 412 declared → the request takes If-Match; 304 declared → it takes If-None-Match;
// - config.idempotent → Idempotency-Key (the idempotency plugin adds the header to the route);
// - 304, 412 or 428 declared, or config.etag → its answers carry an ETag;
// - config.pollInterval → its answers carry X-Poll-Interval;
// - every error status → one shared response, application/problem+json with the Problem schema
//   (Retry-After on 429 and 503); a route that declares its own error schema keeps it.

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Answers carry an ETag though no 304, 412 or 428 says so (reads and creations of editable records). */
    etag?: boolean;
    /** Answers carry X-Poll-Interval (the feed). */
    pollInterval?: boolean;
  }
}

type Node = Record<string, unknown>;
type Transform = typeof jsonSchemaTransform;
type Operation = Node & { responses: Record<string, Node>; parameters?: Node[] };

const FACTS = 'x-route-facts';
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

const problemResponses: Record<string, [name: string, description: string]> = {
  400: ['BadRequest', 'The request is malformed or a field is invalid; `errors` names each field.'],
  401: ['Unauthorized', 'No valid bearer token (missing, unknown, expired or revoked).'],
  403: ['Forbidden', "The token's role or scope does not allow this."],
  404: ['NotFound', 'No such record, or one this token may not see.'],
  409: ['Conflict', 'The request conflicts with the current state; `code` says how.'],
  410: ['Gone', 'The cursor is older than the retention window: reload the snapshot and follow on from its cursor.'],
  412: ['PreconditionFailed', 'If-Match names a version that is no longer current: read again, then retry; `currentEtag` is the version now.'],
  413: ['ContentTooLarge', 'The body or file is larger than allowed.'],
  415: ['UnsupportedMediaType', 'The body or file type is not accepted.'],
  422: ['UnprocessableContent', 'Well-formed, but a rule refuses it; `code` says which.'],
  428: ['PreconditionRequired', 'If-Match is missing: send the ETag of your last read; `currentEtag` is the version now.'],
  429: ['TooManyRequests', 'Too many requests from this token or address; retry after Retry-After seconds.'],
  503: ['ServiceUnavailable', 'Busy, or a part it needs is missing (the PDF engine, the database); retry after Retry-After seconds.'],
};

const successDescriptions: Record<string, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted: the work goes on in the background',
  204: 'Done; no content',
  304: 'Not modified: the ETag sent in If-None-Match is current (no body)',
};

const headerComponents = {
  ETag: {
    description: 'Strong tag of the version in this answer: send it in If-Match to change the record, in If-None-Match to read again cheaply.',
    schema: { type: 'string' },
    example: '"3"',
  },
  RetryAfter: { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 0 }, example: 2 },
  XPollInterval: { description: 'Seconds to wait before the next poll (0 when hasMore).', schema: { type: 'integer', minimum: 0 }, example: 30 },
};

const requestHeaders = {
  'if-match': {
    description: 'ETag of the version being changed (from the last read). Without it a change to an existing record is refused with 428; a stale one gets 412.',
    example: '"3"',
  },
  'if-none-match': { description: 'ETag of the copy you hold: 304 with no body when it is still current.', example: '"3"' },
};

// What Swagger UI offers to fill in, from the seed campaign (quang-xuong-2023): team 01 inspects
// Phòng Tài chính - Kế hoạch (p-tckh), whose outline asks the tckh question block.
const parameterExamples: Record<string, unknown> = {
  teamNo: 1,
  team: 1,
  unitId: 'p-tckh',
  unit: 'p-tckh',
  visitId: 1,
  year: 2023,
  setId: 'quang-xuong-2023',
  blockId: 'tckh',
  itemKey: 'II.3',
};

/** Per route: zod's transform, plus the route facts the document needs (read back and removed below). */
export const routeTransform: Transform = (input) => {
  const result = jsonSchemaTransform(input);
  const schema = result.schema as Node | undefined;
  if (!schema || schema['hide']) return result;
  const config = (input.route.config ?? {}) as { etag?: boolean; pollInterval?: boolean };
  const facts = { etag: config.etag === true, pollInterval: config.pollInterval === true };
  return { ...result, schema: { ...schema, [FACTS]: facts } as typeof result.schema };
};

const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });

function addHeaderParameter(op: Operation, name: keyof typeof requestHeaders): void {
  if (op.parameters?.some((p) => p['in'] === 'header' && p['name'] === name)) return;
  const { description, example } = requestHeaders[name];
  (op.parameters ??= []).push({ in: 'header', name, required: false, description, schema: { type: 'string' }, example });
}

/** Shapes one operation; returns the names of the shared error responses it uses. */
function shapeOperation(op: Operation): string[] {
  const shared: string[] = [];
  const facts = (op[FACTS] ?? {}) as { etag?: boolean; pollInterval?: boolean };
  delete op[FACTS];
  for (const parameter of op.parameters ?? []) {
    const example = parameterExamples[String(parameter['name'])];
    if (example !== undefined && parameter['example'] === undefined && parameter['in'] !== 'header') parameter['example'] = example;
  }
  const statuses = Object.keys(op.responses);
  const has = (status: string) => statuses.includes(status);
  if (has('412') || has('428')) addHeaderParameter(op, 'if-match');
  if (has('304')) addHeaderParameter(op, 'if-none-match');
  const etag = facts.etag === true || has('304') || has('412') || has('428');

  for (const status of statuses) {
    const response = op.responses[status]!;
    const problem = problemResponses[status];
    if (problem) {
      const content = response['content'] as Record<string, Node> | undefined;
      const schema = content?.['application/json']?.['schema'] as Node | undefined;
      if (schema?.['$ref'] === '#/components/schemas/Problem') {
        op.responses[status] = ref('responses', problem[0]);
        shared.push(status);
      } else {
        if (response['description'] === 'Default Response') response['description'] = problem[1];
        if (content?.['application/json']) response['content'] = { 'application/problem+json': content['application/json'] };
      }
      continue;
    }
    if (response['description'] === 'Default Response') response['description'] = successDescriptions[status] ?? 'OK';
    if (status === '304' && !facts.pollInterval && response['description'] === successDescriptions['304']) {
      op.responses[status] = ref('responses', 'NotModified');
      shared.push(status);
      continue;
    }
    const headers: Node = {};
    if (etag && status !== '204') headers['ETag'] = ref('headers', 'ETag');
    if (facts.pollInterval) headers['X-Poll-Interval'] = ref('headers', 'XPollInterval');
    if (Object.keys(headers).length > 0) response['headers'] = { ...(response['headers'] as Node | undefined), ...headers };
  }
  return shared;
}

/**
 * zod closes every answer object (additionalProperties: false). An answer may gain members in a later
 * version, and a client that refused them would break: answers stay open. Requests keep theirs.
 */
function openAnswers(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(openAnswers);
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Node;
  if (schema['additionalProperties'] === false) delete schema['additionalProperties'];
  for (const child of Object.values(schema)) openAnswers(child);
}

/** The whole document: zod's components, then the contract above, then tidy schemas. */
export function contractDocument(input: Parameters<typeof jsonSchemaTransformObject>[0]): ReturnType<typeof jsonSchemaTransformObject> {
  const doc = jsonSchemaTransformObject(input) as unknown as Node & { paths: Record<string, Record<string, Operation>>; components: Node & { schemas: Node } };
  // The type provider names the request copy of a registered shape `XInput`; the others are answers.
  for (const [name, schema] of Object.entries(doc.components.schemas)) if (!name.endsWith('Input')) openAnswers(schema);
  for (const item of Object.values(doc.paths)) for (const op of Object.values(item)) openAnswers(op.responses);
  const used = new Set<string>();
  for (const item of Object.values(doc.paths)) {
    for (const [method, op] of Object.entries(item)) if (METHODS.has(method)) for (const status of shapeOperation(op)) used.add(status);
  }
  const responses: Node = {};
  for (const [status, [name, description]] of Object.entries(problemResponses)) {
    if (!used.has(status)) continue;
    const example = problemExamples[status];
    responses[name] = {
      description,
      ...(status === '429' || status === '503' ? { headers: { 'Retry-After': ref('headers', 'RetryAfter') } } : {}),
      content: { 'application/problem+json': { schema: ref('schemas', 'Problem'), ...(example ? { example } : {}) } },
    };
  }
  if (used.has('304')) responses['NotModified'] = { description: successDescriptions['304'], headers: { ETag: ref('headers', 'ETag') } };
  doc.components['responses'] = responses;
  doc.components['headers'] = headerComponents;
  shareParameters(doc);
  tidySchemas(doc);
  return doc;
}
