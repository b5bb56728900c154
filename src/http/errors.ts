import createError, { type FastifyErrorConstructor } from '@fastify/error';

/** One field that failed validation: where it was, its path inside that part, and why. */
export interface FieldIssue {
  in: 'body' | 'querystring' | 'params' | 'headers' | 'document';
  field: string;
  message: string;
  code?: string;
}

/** Extra members merged into the problem+json body of an error (RFC 9457 extensions). */
export const problemExtensions = Symbol('problemExtensions');

export type ProblemError = Error & {
  code: string;
  statusCode?: number;
  [problemExtensions]?: Record<string, unknown>;
};

export function withExtensions<E extends Error>(error: E, extensions: Record<string, unknown>): E {
  (error as unknown as ProblemError)[problemExtensions] = extensions;
  return error;
}

// Shared error types; modules define their own with createError when a code is theirs alone.
export const NotFound = createError<[string]>('NOT_FOUND', '%s', 404);
export const BadRequest = createError<[string]>('BAD_REQUEST', '%s', 400);
export const ValidationFailed = createError<[string]>('VALIDATION_FAILED', '%s', 400);
export const Conflict = createError<[string]>('CONFLICT', '%s', 409);
export const Unprocessable = createError<[string]>('UNPROCESSABLE', '%s', 422);
export const Unauthorized = createError<[string]>('UNAUTHORIZED', '%s', 401);
export const Forbidden = createError<[string]>('FORBIDDEN', '%s', 403);
export const PreconditionFailed = createError<[string]>('PRECONDITION_FAILED', '%s', 412);
export const ServiceUnavailable = createError<[string]>('SERVICE_UNAVAILABLE', '%s', 503);

export function fieldErrors(Type: FastifyErrorConstructor<{ code: string }, [string]>, detail: string, errors: FieldIssue[]): Error {
  return withExtensions(new Type(detail), { errors });
}

/** "/teams/0/number" or ["teams", 0, "number"] → "teams[0].number". */
export function fieldPath(path: string | ReadonlyArray<PropertyKey>): string {
  const parts = typeof path === 'string' ? path.split('/').filter((part) => part !== '') : path.map(String);
  let out = '';
  for (const part of parts) {
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}
