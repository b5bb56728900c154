import t from 'tap';
import { stringify } from 'yaml';
import { systemActor } from '../../src/auth/actor.js';
import { findBadText } from '../../src/http/input.js';
import { buildTestApp, QX } from '../helpers/app.js';
import { miniDefinition } from '../helpers/definitions.js';

// Text that is not valid UTF-8, or holds a NUL, is refused with 400 naming the field, never stored
// (replaced by U+FFFD, or kept with its NUL). Sent over real HTTP, bytes as a client sends them.

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

t.test('JSON and YAML bodies with invalid UTF-8 or a NUL answer 400 naming the field; nothing is stored', async (t) => {
  const { app, as, services } = await buildTestApp(t, { seed: true });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const post = (path: string, type: string, body: Buffer | string) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { ...as('office'), 'content-type': type },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
  const tokensBefore = services.auth.list().length;
  const json = 'application/json';
  // A YAML definition whose title "Kiểm tra thử" has its "ử" cut in half.
  const yaml = stringify(miniDefinition('yaml-1'));
  const at = yaml.indexOf('thử');
  const cases: [string, string, string, Buffer | string, string][] = [
    ['invalid UTF-8 in a JSON string', '/auth/tokens', json, bytes('{"role":"office","label":"Ph', [0xf2, 0x6e], 'g"}'), 'label'],
    ['a lone continuation byte', '/auth/tokens', json, bytes('{"role":"office","label":"', [0x80], '"}'), 'label'],
    ['an overlong encoding of "/"', '/auth/tokens', json, bytes('{"role":"office","label":"a', [0xc0, 0xaf], '"}'), 'label'],
    ['a NUL in a JSON string', '/auth/tokens', json, '{"role":"office","label":"a\\u0000b"}', 'label'],
    ['a lone surrogate escape', '/auth/tokens', json, '{"role":"office","label":"a\\ud800b"}', 'label'],
    ['a NUL in a key', '/auth/tokens', json, '{"role":"office","label":"x","a\\u0000":1}', 'a\u0000'],
    [
      'a NUL deep in a definition',
      '/campaigns',
      json,
      JSON.stringify({ ...miniDefinition('nul-1'), units: miniDefinition().units.map((u, i) => (i === 1 ? { ...u, name: 'Phòng\u0000Tư pháp' } : u)) }),
      'units[1].name',
    ],
    ['invalid UTF-8 in a YAML definition', '/campaigns', 'application/yaml', bytes(yaml.slice(0, at), 'th', [0xe1, 0xbb], yaml.slice(at + 3)), 'title'],
    ['a NUL in a YAML definition', '/campaigns', 'application/yaml', yaml.replace('title: Kiểm tra thử', 'title: "Kiểm tra\\0thử"'), 'title'],
  ];
  for (const [name, path, type, body, field] of cases) {
    const res = await post(path, type, body);
    const problem = (await res.json()) as { code: string; errors?: { in: string; field: string; message: string }[] };
    t.equal(res.status, 400, name);
    t.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8', name);
    t.match(problem.errors, [{ in: 'body', field }], `${name}: names ${JSON.stringify(field)} (${problem.code})`);
  }
  t.equal(services.auth.list().length, tokensBefore, 'no token was created');
  t.same(
    services.campaigns.list(systemActor('test')).map((c) => c.id),
    [QX],
    'no campaign was created',
  );
  const fine = await post('/auth/tokens', json, JSON.stringify({ role: 'office', label: 'Phòng Tư pháp — tiếng Việt 🇻🇳' }));
  t.equal(fine.status, 201, 'well-formed Vietnamese, dashes and emoji are fine');
});

t.test('findBadText: the first string field holding a NUL or damaged text, by its path (for form posts too)', async (t) => {
  t.equal(findBadText({ name: 'Quảng Xương', items: [{ note: 'đạt' }] }), null);
  t.equal(findBadText('\ud83c\uddfb\ud83c\uddf3'), null, 'paired surrogates are text');
  t.match(findBadText({ name: 'x', items: [{ note: 'ok' }, { note: 'a\u0000' }] }), { field: 'items[1].note', message: /NUL/ });
  t.match(findBadText({ label: 'Ph\ufffdng' }), { field: 'label', message: /UTF-8/ });
  t.match(findBadText({ a: ['x', 'y\udc00'] }), { field: 'a[1]' });
  t.match(findBadText({ first: 'a\u0000', second: 'b\u0000' }), { field: 'first' }, 'the first in document order');
  // What @fastify/formbody gives for "ghiChu=a%00b&ten=Tr%E1%BA%A7n": a plain object of strings.
  t.match(findBadText(Object.assign(Object.create(null), { ten: 'Trần', ghiChu: 'a\u0000b' })), { field: 'ghiChu' });
  let deep: unknown = 'đáy\u0000';
  for (let i = 0; i < 20_000; i += 1) deep = [deep];
  t.match(findBadText(deep), { field: /^(\[0\]){20000}$/ }, 'deep nesting does not overflow the stack');
});
