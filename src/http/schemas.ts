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

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 412 | 413 | 415 | 422 | 428 | 429 | 503;

/** Response schemas for the error statuses a route can answer, documented in OpenAPI. */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]): Record<S | 401 | 429, typeof problemSchema> {
  const out = {} as Record<S | 401 | 429, typeof problemSchema>;
  for (const status of [...statuses, 401, 429] as const) out[status as S | 401 | 429] = problemSchema;
  return out;
}
