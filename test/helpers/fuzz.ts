import type { Random } from './random.js';

// Request material for the malformed-request run: a plausible value for a JSON Schema of the
// OpenAPI document, and the hostile values put in its place.

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  pattern?: string;
  default?: unknown;
};

export type Components = Record<string, Schema>;

const deepNesting = (depth: number): unknown => {
  let value: unknown = 'đáy';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
};

/** Strings an attacker or a broken client sends: injections, bad dates, odd Unicode. */
export const hostileStrings = [
  '',
  ' ',
  "' OR 1=1 --",
  '"; DROP TABLE visits; --',
  '1; SELECT * FROM api_tokens',
  '{{constructor}}',
  '{{constructor.constructor "return process"}}',
  '{{#each this}}{{@key}}{{/each}}',
  '{{> nd30-header}}',
  '${7*7}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00',
  '\u0000',
  '\ud800',
  '\u202eabc',
  'Quảng Xương'.normalize('NFD'),
  'Quảng Хương',
  'Phòng Tài chính – Kế hoạch',
  'Trường THCS Quảng Hải ƣ',
  '🇻🇳🏛️',
  '2023-02-30',
  '2023-13-01',
  '2023-8-3',
  '0000-00-00',
  '99999-12-31',
  '9999-12-31',
  '9999-12-30',
  '0001-01-01',
  '24:00',
  '07:60',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  'x'.repeat(20_000),
  'Ệ'.repeat(5_000),
];

export const hostileValues: unknown[] = [
  ...hostileStrings,
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 53 + 2,
  1e308,
  -1e308,
  [],
  {},
  [null],
  { __proto__: { admin: true } },
  JSON.parse('{"__proto__": {"admin": true}}'),
  { constructor: { prototype: { admin: true } } },
  deepNesting(50),
  Array.from({ length: 2000 }, (_, i) => i),
];

/** Values for path and query parameters, as text. */
export const hostileParams = [
  ...hostileStrings.filter((s) => s.length < 10_000 && s !== ''),
  '0',
  '999999',
  '99999999999999999999999',
  '1.5',
  'true',
  '[]',
  'a/b',
  '..',
  '%',
  '%zz',
  '%E0%A4%A',
  '-0',
  ' 1',
  '0x10',
  '0b1',
  '0o7',
  '1e0',
  '+1',
  '1.0',
  '01',
  '2147483648',
];

/** Query parameter names spelled with %-escapes, as a hostile client may (%74oken is "token"). */
export const encodedQueryNames = ['%74oken', 'tok%65n', '%54OKEN', 'l%69mit', '%5F%5Fproto%5F%5F', 'q%00'];

/** The JSON text of `value` with bytes that are not UTF-8 inside its first string (or a bare string). */
export function withInvalidUtf8(value: unknown, random: Random): Buffer {
  const text = JSON.stringify(value) ?? 'null';
  const at = text.indexOf('"');
  const bad = Buffer.from(random.pick([[0xff], [0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe1, 0xbb], [0xf4, 0x90, 0x80, 0x80]]));
  if (at === -1) return Buffer.concat([Buffer.from('"'), bad, Buffer.from('"')]);
  return Buffer.concat([Buffer.from(text.slice(0, at + 1)), bad, Buffer.from(text.slice(at + 1))]);
}

const wholeMultipart = Buffer.from(
  '--b0\r\nContent-Disposition: form-data; name="file"; filename="bien-ban.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n% x\n%%EOF\n\r\n--b0--\r\n',
);

/** Multipart bodies without a boundary, with another one, or cut short. */
export const brokenMultipartBodies: { type: string; payload: Buffer }[] = [
  { type: 'multipart/form-data', payload: wholeMultipart },
  { type: 'multipart/form-data; boundary=', payload: wholeMultipart },
  { type: 'multipart/form-data; boundary=khac', payload: wholeMultipart },
  ...[1, 20, 60, 100, wholeMultipart.length - 10, wholeMultipart.length - 6].map((end) => ({
    type: 'multipart/form-data; boundary=b0',
    payload: wholeMultipart.subarray(0, end),
  })),
  { type: 'multipart/form-data; boundary=b0', payload: Buffer.alloc(0) },
];

/** Raw bodies that are not the JSON they claim to be. */
export const brokenBodies = [
  '{',
  '{"a":',
  '{"a":1}garbage',
  '[1,2',
  '\ufeff{}',
  "{'single': 'quotes'}",
  '{"a":1,}',
  'undefined',
  'NaN',
  '"just a string"',
  '12345',
  'null',
  '[]',
  `{"a":"${'\\u0000'.repeat(10)}"}`,
  '{"a":"\\ud800"}',
  `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  JSON.stringify(deepNesting(3000)),
];

function resolve(schema: Schema, components: Components): Schema {
  let current = schema;
  for (let i = 0; current.$ref && i < 10; i += 1) {
    const name = current.$ref.split('/').pop()!;
    current = components[name] ?? {};
  }
  return current;
}

/** A value that would likely pass the schema (the starting point of each mutation). */
export function sample(schema: Schema | undefined, components: Components, random: Random, depth = 0): unknown {
  if (!schema || depth > 8) return null;
  const s = resolve(schema, components);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return random.pick(s.enum);
  if (s.default !== undefined && random.chance(0.3)) return s.default;
  const options = s.anyOf ?? s.oneOf;
  if (options?.length) return sample(random.pick(options), components, random, depth + 1);
  if (s.allOf?.length) return Object.assign({}, ...s.allOf.map((p) => sample(p, components, random, depth + 1)));
  const type = Array.isArray(s.type) ? random.pick(s.type.filter((t) => t !== 'null')) : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries(s.properties ?? {})) {
        if (s.required?.includes(name) || random.chance(0.5)) out[name] = sample(prop, components, random, depth + 1);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: random.int(0, 2) }, () => sample(s.items, components, random, depth + 1));
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 1, Math.min(s.maximum ?? 5, random.int(1, 5)));
    case 'boolean':
      return random.chance(0.5);
    case 'string':
      if (s.format === 'date' || /\\d\{4\}-/.test(s.pattern ?? '')) return random.pick(['2023-08-03', '2023-08-10', '2030-03-05', '9999-12-31', '0001-01-01']);
      if (s.format === 'date-time') return '2023-08-03T02:00:00.000Z';
      if (/\d\{2\}:/.test(s.pattern ?? '')) return random.pick(['07:30', '13:30']);
      return random.pick(['quang-xuong-2023', 'p-tckh', 'Phòng Tài chính - Kế hoạch', 'Nội dung kiểm tra', 'bhxh']);
    case undefined: // a schema that does not say: anything
    default:
      return random.pick(['x', 1, null]);
  }
}

/** Replaces one value somewhere inside `value` by a hostile one (or the whole value). */
export function mutate(value: unknown, random: Random): unknown {
  if (value === null || typeof value !== 'object' || random.chance(0.15)) return random.pick(hostileValues);
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (keys.length === 0 || random.chance(0.1)) {
    (copy as Record<string, unknown>)[random.pick(['unexpected', '__proto__', 'constructor', 'id', 'role'])] = random.pick(hostileValues);
    return copy;
  }
  const key = random.pick(keys);
  if (random.chance(0.15)) {
    delete (copy as Record<string, unknown>)[key];
    return copy;
  }
  (copy as Record<string, unknown>)[key] = mutate((copy as Record<string, unknown>)[key], random);
  return copy;
}
