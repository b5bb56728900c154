import { parse as parseQuery } from 'fast-querystring';
import fp from 'fastify-plugin';
import { deepNfc, nfc } from '../text/vietnamese.js';

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
      defaultJson(request, body as string, (error, value) => (error ? done(error, undefined) : done(null, deepNfc(value))));
    });
    app.addHook('preValidation', (request, _reply, done) => {
      if (request.params && typeof request.params === 'object') request.params = deepNfc(request.params);
      done();
    });
  },
  { name: 'nfc-input' },
);
