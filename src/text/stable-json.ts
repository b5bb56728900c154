/**
 * JSON with object keys sorted and undefined members dropped, so equal values always give the same
 * text (for hashing definitions and idempotent requests). Buffers are written as base64.
 */
export function stableJson(value: unknown): string {
  if (Buffer.isBuffer(value)) return `b64:${value.toString('base64')}`;
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
