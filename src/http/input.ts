import { parse as parseQuery } from 'node:querystring';
import fp from 'fastify-plugin';
import { deepNfc } from '../text/vietnamese.js';

/** Query-string parser for the Fastify factory: every value arrives NFC-normalised. */
export function nfcQuerystring(query: string): Record<string, unknown> {
  return deepNfc({ ...parseQuery(query) });
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
