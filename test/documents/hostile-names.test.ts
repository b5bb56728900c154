import t from 'tap';
import { systemActor } from '../../src/auth/actor.js';
import { validateDefinition } from '../../src/campaigns/loader.js';
import { expectStatus } from '../helpers/expect.js';
import { buildTestApp } from '../helpers/app.js';
import { miniDefinition } from '../helpers/definitions.js';
import { docxLines, docxParts, flat, htmlLines, pdfText } from '../helpers/document-text.js';
import { noonOf, register } from '../helpers/document-flow.js';

const SCRIPT = '<script>alert(1)</script>';
const CURLY = 'Phòng {{constructor}} Tư pháp';

t.test('unit names with markup or template syntax come out as text in HTML, PDF and Word', async (t) => {
  const ctx = await buildTestApp(t);
  const { app, as, clock, services } = ctx;
  const definition = miniDefinition('ten-la-2024');
  definition.units = definition.units.map((u) => (u.id === 'xa-a' ? { ...u, name: SCRIPT } : u.id === 'tp' ? { ...u, name: CURLY, aliases: [] } : u));
  definition.teams[0]!.targets = ['tp', 'xa-a'];
  services.campaigns.importDefinition(validateDefinition(definition), systemActor('test'));
  register(ctx, 1, 'tp', '2024-03-11', 'sang', 'ten-la-2024');
  register(ctx, 1, 'xa-a', '2024-03-12', 'sang', 'ten-la-2024');
  clock.set(noonOf('2024-03-01'));

  const issued = await app.inject({ method: 'POST', url: '/campaigns/ten-la-2024/teams/1/notices', headers: as('office'), payload: {} });
  expectStatus(t, issued, 201);
  const notice = issued.json();
  t.same(
    notice.content.programme.rows.map((r: { unitName: string }) => r.unitName),
    [CURLY, SCRIPT],
  );

  const html = (await app.inject({ method: 'GET', url: notice.links.html, headers: as('office') })).body;
  t.notOk(html.includes('<script>'), 'no script element in the HTML');
  t.notOk(/<[a-z]+ [^>]*constructor/i.test(html), 'no markup made of the name');
  const lines = htmlLines(html);
  t.ok(lines.includes(SCRIPT) && lines.includes(`- ${SCRIPT};`), 'the name reads as typed');
  t.ok(lines.includes(CURLY), '{{constructor}} printed, not evaluated');

  const pdf = flat(pdfText((await app.inject({ method: 'GET', url: notice.links.pdf, headers: as('office') })).rawPayload));
  t.ok(pdf.includes('<script>alert(1)</script>'), 'the PDF shows the name as text');
  t.ok(pdf.includes('{{constructor}}'));

  const docx = (await app.inject({ method: 'GET', url: notice.links.docx, headers: as('office') })).rawPayload;
  t.ok(docxLines(docx).includes(SCRIPT));
  t.ok(docxLines(docx).includes(CURLY));
  t.notOk(docxParts(docx)['word/document.xml']!.includes('<script>'), 'escaped inside the Word XML');
});
