import { parse as parseQuery } from 'fast-querystring';
import fp from 'fastify-plugin';
import { deepNfc, nfc } from '../text/vietnamese.js';
import { fieldErrors, fieldPath, ValidationFailed } from './errors.js';

/**
 * Query-string parser for the Fastify factory (Fastify's own, fast-querystring): every value arrives
 * NFC-normalised. Keys are the route's own ASCII names; values are normalised in place.
 */
export function nfcQuerystring(query: string): Record<string, unknown> {
  const parsed = parseQuery(query) as Record<string, string | string[]>;
  for (const key in parsed) {
    const value = parsed[key]!;
    parsed[key] = typeof value === 'string' ? nfc(value) : value.map(nfc);
  }
  return parsed;
}

export interface BadText {
  /** Path of the string, or of the key holding it: "units[1].name". */
  field: string;
  message: string;
  /** The refused text itself when it is a value (not a key), for a page to show what was typed. */
  text?: string;
}

// U+FFFD is what a decoder leaves for bytes that were not UTF-8, and a lone surrogate (\p{Cs} with
// the u flag) is text no UTF-8 can carry: either way the text was damaged before it reached us.
const DAMAGED = /[\ufffd\p{Cs}]/u;

function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'chứa ký tự NUL (U+0000)';
  if (DAMAGED.test(text)) return 'chứa byte không phải UTF-8 hợp lệ (văn bản đã bị hỏng mã hóa)';
  return null;
}

interface Visit {
  value: unknown;
  key: string | number | null;
  parent: Visit | null;
}

function pathOf(visit: Visit): string {
  const keys: (string | number)[] = [];
  for (let at: Visit | null = visit; at && at.key !== null; at = at.parent) keys.unshift(at.key);
  return fieldPath(keys);
}

/**
 * The first string (value or key, in document order) of a parsed body that holds a NUL or damaged
 * text, with its path; null when all is well. Iterative, so any nesting depth is safe. Every body
 * the API parses goes through it (the input plugin below); a form post parsed elsewhere can too.
 */
export function findBadText(value: unknown): BadText | null {
  const stack: Visit[] = [{ value, key: null, parent: null }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const current = visit.value;
    if (typeof current === 'string') {
      const message = textProblem(current);
      if (message) return { field: pathOf(visit), message, text: current };
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i -= 1) stack.push({ value: current[i], key: i, parent: visit });
    } else if (current !== null && typeof current === 'object') {
      const keys = Object.keys(current);
      for (const key of keys) {
        const message = textProblem(key);
        if (message) return { field: pathOf({ value: null, key, parent: visit }), message };
      }
      for (let i = keys.length - 1; i >= 0; i -= 1) {
        stack.push({ value: (current as Record<string, unknown>)[keys[i]!], key: keys[i]!, parent: visit });
      }
    }
  }
  return null;
}

/** The 400 naming the field when a parsed body holds a NUL or damaged text; null when it does not. */
export function badTextError(body: unknown): Error | null {
  const bad = findBadText(body);
  if (!bad) return null;
  return fieldErrors(ValidationFailed, `Dữ liệu không hợp lệ: ${bad.field || 'body'} ${bad.message}`, [
    { in: 'body', field: bad.field, message: bad.message, code: 'invalid_text' },
  ]);
}

/**
 * Vietnamese typed on some systems (macOS, some IMEs) arrives decomposed (NFD). Everything is
 * normalised to NFC on the way in, so "Quảng Xương" matches however it was typed.
 */
export const nfcInputPlugin = fp(
  async (app) => {
    // Plain text is no body this API understands: answer 415 rather than a confusing 400.
    app.removeContentTypeParser('text/plain');
    const defaultJson = app.getDefaultJsonParser('error', 'error');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      // Fastify's own JSON parser is the callback kind (its type is the union of both kinds): it answers
      // through the callback and returns no promise.
      void defaultJson(request, body as string, (error, value) => (error ? done(error, undefined) : done(null, deepNfc(value))));
    });
    // Whatever parsed the body (JSON, YAML), text that would be stored damaged is refused. Form posts
    // are the pages': they check their fields themselves, to show the form again with each message.
    app.addHook('preValidation', (request, _reply, done) => {
      if (request.params && typeof request.params === 'object') request.params = deepNfc(request.params);
      if (request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) return done();
      done(badTextError(request.body) ?? undefined);
    });
  },
  { name: 'nfc-input' },
);
