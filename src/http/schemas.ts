import { z } from 'zod';

export const fieldIssueSchema = z.object({
  in: z.enum(['body', 'querystring', 'params', 'headers', 'document']),
  field: z.string(),
  message: z.string(),
  code: z.string().optional(),
  path: z.string().optional().describe('errors in a document (campaign definition, amendment, outline set): the path inside it'),
  messageEn: z.string().optional().describe('the message in English, where the error gives one'),
});

// Loose: error types add their own members (clashes, retry hints, the offending visits).
export const problemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('stable machine-readable code'),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(fieldIssueSchema).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json)' });

/** 304 to a read sent with If-None-Match naming the current ETag: no body. */
export const notModifiedAnswer = z.null().describe('Not modified: the ETag sent in If-None-Match is current (no body)');

/** File bytes, sent as a buffer, a stream or a string (never serialised). */
const fileBody = z.custom<Buffer | NodeJS.ReadableStream | string>().meta({ type: 'string', format: 'binary' });

/** A 200 answer that is a file of one of these media types, not JSON. */
export function fileAnswer(description: string, ...types: string[]) {
  return { description, content: Object.fromEntries(types.map((type) => [type, { schema: type.startsWith('text/') ? z.string() : fileBody }])) };
}

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 412 | 413 | 415 | 422 | 428 | 429 | 503;

/** Response schemas for the error statuses a route can answer, documented in OpenAPI. */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]): Record<S | 401 | 429, typeof problemSchema> {
  const out = {} as Record<S | 401 | 429, typeof problemSchema>;
  for (const status of [...statuses, 401, 429] as const) out[status] = problemSchema;
  return out;
}
