import { readFileSync } from 'node:fs';
import t from 'tap';
import { parse } from 'yaml';
import { generateOpenapiYaml } from '../../src/http/openapi-document.js';
import { fromRoot } from '../../src/paths.js';
import { operationsOf } from '../helpers/openapi.js';

const generated = await generateOpenapiYaml();
const doc = parse(generated);
const operations = operationsOf(doc);
const route = (o: { method: string; path: string }) => `${o.method} ${o.path}`;

t.test('the checked-in openapi.yaml matches the routes (run npm run openapi after changing a route)', async (t) => {
  t.equal(readFileSync(fromRoot('openapi.yaml'), 'utf8'), generated);
});

t.test('every operation documents a summary and its responses', async (t) => {
  for (const o of operations) {
    t.ok(o.op.summary, `${route(o)} has a summary`);
    t.ok(o.op.responses && Object.keys(o.op.responses).length > 0, `${route(o)} has responses`);
  }
});

t.test('every operation has its own operationId, camelCase and verb-first', async (t) => {
  const lacking = operations.filter((o) => !o.op.operationId).map(route);
  t.same(lacking, [], `add operationId to the schema of: ${lacking.join(', ')}`);
  const byId = new Map<string, string[]>();
  for (const o of operations) if (o.op.operationId) byId.set(o.op.operationId, [...(byId.get(o.op.operationId) ?? []), route(o)]);
  const shared = [...byId].filter(([, routes]) => routes.length > 1).map(([id, routes]) => `${id}: ${routes.join(' and ')}`);
  t.same(shared, [], 'no two operations share an operationId');
  const badlyNamed = [...byId.keys()].filter((id) => !/^[a-z]+[A-Z][a-zA-Z0-9]*$|^[a-z]+$/.test(id));
  t.same(badlyNamed, [], 'camelCase, starting with a lower-case verb');
});

type Response = { $ref?: string; content?: Record<string, { schema?: { $ref?: string } }>; headers?: Record<string, unknown> };
const responseOf = (r: Response): Response => (r.$ref ? doc.components.responses[r.$ref.split('/').pop()!] : r);

t.test('every error answer is application/problem+json with the one Problem schema', async (t) => {
  const wrong: string[] = [];
  for (const o of operations) {
    for (const [status, raw] of Object.entries(o.op.responses as Record<string, Response>)) {
      if (Number(status) < 400) continue;
      const content = responseOf(raw).content ?? {};
      const ref = content['application/problem+json']?.schema?.$ref;
      if (Object.keys(content).join() !== 'application/problem+json' || !ref) wrong.push(`${route(o)} ${status}`);
      else if (
        ref !== '#/components/schemas/Problem' &&
        !doc.components.schemas[ref.split('/').pop()!].allOf?.some((s: { $ref?: string }) => s.$ref === '#/components/schemas/Problem')
      ) {
        wrong.push(`${route(o)} ${status}: ${ref} is not a Problem`);
      }
    }
  }
  t.same(wrong, []);
  const problems = Object.keys(doc.components.schemas).filter((name) => /problem/i.test(name));
  t.same(problems.sort(), ['Problem', 'VisitClashProblem'], 'one Problem, and the clash answer built on it');
});

t.test('the 409 of a registration or a move types its clashes as ClashFinding', async (t) => {
  for (const id of ['registerVisit', 'moveVisit']) {
    const o = operations.find((x) => x.op.operationId === id)!;
    const conflict = (o.op.responses as Record<string, Response>)['409']!;
    t.equal(conflict.content?.['application/problem+json']?.schema?.$ref, '#/components/schemas/VisitClashProblem', id);
  }
  const [base, extension] = doc.components.schemas.VisitClashProblem.allOf;
  t.same(base, { $ref: '#/components/schemas/Problem' });
  t.same(extension.properties.clashes.items, { $ref: '#/components/schemas/ClashFinding' });
});

t.test('headers are declared where they apply', async (t) => {
  const names = (o: (typeof operations)[number]) => o.parameters.filter((p) => p.in === 'header').map((p) => p.name);
  const statuses = (o: (typeof operations)[number]) => Object.keys(o.op.responses ?? {});
  for (const o of operations) {
    const has = (s: string) => statuses(o).includes(s);
    if (has('412') || has('428')) t.ok(names(o).includes('if-match'), `${route(o)} takes If-Match`);
    if (has('304')) t.ok(names(o).includes('if-none-match'), `${route(o)} takes If-None-Match`);
    if (names(o).includes('idempotency-key')) t.equal(o.method, 'POST', `${route(o)}: Idempotency-Key on a creating POST`);
    if (has('304') || has('412') || has('428')) {
      const answers = Object.entries(o.op.responses as Record<string, Response>).filter(([s]) => s.startsWith('2') && s !== '204');
      for (const [s, answer] of answers) t.ok(responseOf(answer).headers?.['ETag'], `${route(o)} answers ${s} with an ETag`);
    }
  }
  const patchVisit = operations.find((o) => o.op.operationId === 'moveVisit')!;
  t.ok(names(patchVisit).includes('if-match'), 'PATCH of a visit: Swagger UI can send If-Match (it answered 428 without it)');
  const feed = operations.find((o) => o.op.operationId === 'pollConclusionFeed')!;
  t.ok(responseOf((feed.op.responses as Record<string, Response>)['200']!).headers?.['X-Poll-Interval'], 'the feed says when to poll again');
  for (const name of ['TooManyRequests', 'ServiceUnavailable']) t.ok(doc.components.responses[name].headers['Retry-After'], `${name} has Retry-After`);
});
