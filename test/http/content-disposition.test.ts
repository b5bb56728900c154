import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { validateDefinition } from '../../src/campaigns/loader.js';
import { contentDisposition } from '../../src/http/content-disposition.js';
import { buildTestApp, QX } from '../helpers/app.js';
import { miniDefinition } from '../helpers/definitions.js';
import { noonOf, register } from '../helpers/document-flow.js';

// Issue 15, item 5: download names. RFC 6266 with RFC 8187 (formerly 5987): filename* carries only
// attr-char or %XX, and an ASCII filename="…" comes first for older clients.

/** RFC 8187 attr-char = ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" */
const EXT_VALUE = /^UTF-8''(?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})+$/;
/** quoted-string of printable ASCII without '"' or '\'. */
const QUOTED = /^"[\x20\x21\x23-\x5b\x5d-\x7e]+"$/;

function parts(header: string): { type: string; filename: string; star: string } {
  const match = /^(attachment|inline); filename=("[^"]*"); filename\*=(\S+)$/.exec(header);
  if (!match) throw new Error(`not a well-formed Content-Disposition: ${header}`);
  return { type: match[1]!, filename: match[2]!, star: match[3]! };
}

t.test('every character RFC 8187 forbids is percent-encoded; the fallback is plain ASCII', async (t) => {
  for (const name of ["Báo cáo - Phòng Tư pháp (cũ) 'A'*.pdf", 'Đề cương "Xã An" \\ 50%.docx', 'Thông báo kiểm tra số 01-TB-ĐKT01.pdf']) {
    const { filename, star } = parts(contentDisposition('attachment', name));
    t.match(star, EXT_VALUE, `${name}: filename* uses attr-char and %XX only`);
    t.equal(decodeURIComponent(star.slice("UTF-8''".length)), name.normalize('NFC'), `${name}: decodes to the name`);
    t.match(filename, QUOTED, `${name}: ASCII fallback ${filename}`);
  }
  t.match(contentDisposition('inline', 'Đề cương.html'), /^inline; filename="De cuong.html"; /);
});

t.test('document and outline downloads carry both names', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock, services } = ctx;
  const definition = miniDefinition('ten-file-2024');
  definition.units = definition.units.map((u) => (u.id === 'tp' ? { ...u, name: "Phòng Tư pháp (cũ) 'A'*", aliases: [] } : u));
  definition.teams[0]!.targets = ['tp', 'xa-a'];
  services.campaigns.importDefinition(validateDefinition(definition), systemActor('test'));
  const outline = await app.inject({ method: 'GET', url: '/campaigns/ten-file-2024/units/tp/outline/pdf', headers: as('office') });
  t.equal(outline.statusCode, 200);
  const o = parts(String(outline.headers['content-disposition']));
  t.match(o.star, EXT_VALUE);
  t.equal(decodeURIComponent(o.star.slice("UTF-8''".length)), "Đề cương báo cáo - Phòng Tư pháp (cũ) 'A'*.pdf");

  register(ctx, 1, 'p-tckh', '2023-08-07');
  clock.set(noonOf('2023-08-01'));
  const notice = (await app.inject({ method: 'POST', url: `/campaigns/${QX}/teams/1/notices`, headers: as('leader'), payload: {} })).json();
  const pdf = await app.inject({ method: 'GET', url: notice.links.pdf, headers: as('leader') });
  const d = parts(String(pdf.headers['content-disposition']));
  t.same(d.filename, '"TB-DKT01-01.pdf"');
  t.match(d.star, EXT_VALUE);
  t.equal(decodeURIComponent(d.star.slice("UTF-8''".length)), 'Thông báo kiểm tra số 01-TB-ĐKT01.pdf');
});
