import { z } from 'zod';
import { stableJson } from '../text/stable-json.js';

// The OpenAPI document as a client needs it. zod's JSON Schema restates the type (safe-integer
// bounds, the ISO date regex, an empty `additionalProperties`), and the type provider writes an input
// and an output copy of every shape registered with .meta({ id }) (`Visit` and `VisitInput`), used or
// not. Here the restatements go; an `XInput` twin stays only when a request and an answer both use
// the shape and the two differ; a shape built by .extend() refers to the one it extends; a component
// nothing refers to is dropped; a parameter many operations share is written once.
// Never name a registered shape `…Input` yourself.

type Node = Record<string, unknown>;

const REF = '#/components/schemas/';
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
// What zod writes for z.iso.date(), and the plain form the request dates use: format: date says both.
const datePatterns = new Set([(z.toJSONSchema(z.iso.date()) as { pattern?: string }).pattern, '^\\d{4}-\\d{2}-\\d{2}$']);

/** Rewrites, in place and from the leaves up, what zod writes longer than JSON Schema needs. */
function simplify(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(simplify);
  if (!isNode(node)) return;
  for (const child of Object.values(node)) simplify(child);
  if (node['type'] === 'integer') {
    if (node['minimum'] === Number.MIN_SAFE_INTEGER) delete node['minimum'];
    if (node['maximum'] === Number.MAX_SAFE_INTEGER) delete node['maximum'];
  }
  if (node['format'] === 'date' && datePatterns.has(node['pattern'] as string)) delete node['pattern'];
  // `additionalProperties: {}` (zod's looseObject) allows what JSON Schema allows anyway when it is absent.
  if (isNode(node['additionalProperties']) && Object.keys(node['additionalProperties']).length === 0) delete node['additionalProperties'];
  // `anyOf: [{ type: 'integer' }, { type: 'null' }]` is `type: ['integer', 'null']` (not so with an
  // enum or a const, which null would not pass).
  const anyOf = node['anyOf'];
  if (Array.isArray(anyOf) && anyOf.length === 2 && isNode(anyOf[1]) && stableJson(anyOf[1]) === '{"type":"null"}') {
    const [first] = anyOf as [unknown];
    const plain = isNode(first) && typeof first['type'] === 'string' && !('enum' in first) && !('const' in first);
    if (plain && !Object.keys(first).some((k) => k in node)) {
      delete node['anyOf'];
      Object.assign(node, first, { type: [first['type'], 'null'] });
    }
  }
  // A record over an enum (severities by clash code, sessions by name): its keys are properties,
  // which is what the `required` list beside it names.
  const keys = isNode(node['propertyNames']) ? node['propertyNames']['enum'] : undefined;
  if (Array.isArray(keys) && node['properties'] === undefined && isNode(node['additionalProperties'])) {
    const value = node['additionalProperties'];
    node['properties'] = Object.fromEntries(keys.map((key) => [String(key), value]));
    node['additionalProperties'] = false;
    delete node['propertyNames'];
  }
}

function refsIn(node: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(node)) node.forEach((child) => refsIn(child, found));
  else if (isNode(node)) {
    for (const [key, child] of Object.entries(node)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(REF)) found.add(child.slice(REF.length));
      else refsIn(child, found);
    }
  }
  return found;
}

function renameRefs(node: unknown, renames: ReadonlyMap<string, string>): void {
  if (Array.isArray(node)) return node.forEach((child) => renameRefs(child, renames));
  if (!isNode(node)) return;
  const ref = node['$ref'];
  if (typeof ref === 'string' && ref.startsWith(REF) && renames.has(ref.slice(REF.length))) node['$ref'] = REF + renames.get(ref.slice(REF.length));
  for (const child of Object.values(node)) renameRefs(child, renames);
}

/** Names of the components reachable from the document outside components.schemas. */
function reachable(doc: Node, schemas: Node): Set<string> {
  const { components, ...rest } = doc;
  const { schemas: _schemas, ...otherComponents } = isNode(components) ? components : {};
  const seen = new Set<string>();
  const queue = [...refsIn([rest, otherComponents], new Set())];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    if (seen.has(name)) continue;
    seen.add(name);
    queue.push(...refsIn(schemas[name], new Set()));
  }
  return seen;
}

const SHAPE_KEYS = new Set(['type', 'properties', 'required', 'description']);

/** A registered object shape another can build on: only properties (at least three) and their required list. */
function isBase(schema: unknown): schema is Node & { properties: Node } {
  return isNode(schema) && isNode(schema['properties']) && Object.keys(schema['properties']).length >= 3 && Object.keys(schema).every((k) => SHAPE_KEYS.has(k));
}

/**
 * An object schema that holds every property of a registered shape, as zod's .extend() writes it
 * (Campaign extends CampaignSummary, Document extends DocumentSummary's fields), refers to that
 * shape and lists only what it adds: `allOf: [{ $ref }, { added properties }]`. One that is the
 * shape itself under another description (zod's .describe() makes a copy) becomes `{ $ref, description }`.
 */
function referBases(node: unknown, schemas: Node, self?: string): void {
  if (Array.isArray(node)) return node.forEach((child) => referBases(child, schemas));
  if (!isNode(node)) return;
  for (const child of Object.values(node)) referBases(child, schemas);
  const properties = node['properties'];
  if (!isNode(properties) || node['type'] !== 'object') return;
  let best: [string, Node & { properties: Node }] | undefined;
  for (const [name, base] of Object.entries(schemas)) {
    if (name === self || !isBase(base) || base === node) continue;
    const keys = Object.keys(base.properties);
    const required = (base['required'] ?? []) as string[];
    const within = keys.every((k) => k in properties && stableJson(properties[k]) === stableJson(base.properties[k]));
    if (within && required.every((k) => ((node['required'] ?? []) as string[]).includes(k))) {
      if (!best || keys.length > Object.keys(best[1].properties).length) best = [name, base];
    }
  }
  if (!best) return;
  const [name, base] = best;
  if (Object.keys(base.properties).length === Object.keys(properties).length) {
    if (stableJson(base['required'] ?? []) !== stableJson(node['required'] ?? [])) return;
    for (const key of SHAPE_KEYS) if (key !== 'description') delete node[key];
    node['$ref'] = REF + name;
    return;
  }
  const added = Object.fromEntries(Object.entries(properties).filter(([k]) => !(k in base.properties)));
  const addedRequired = ((node['required'] ?? []) as string[]).filter((k) => k in added);
  delete node['type'];
  delete node['properties'];
  delete node['required'];
  node['allOf'] = [{ $ref: REF + name }, { type: 'object', properties: added, ...(addedRequired.length ? { required: addedRequired } : {}) }];
}

/** Tidies components.schemas and every schema of the document, in place. */
export function tidySchemas(doc: Node & { components: { schemas: Node } }): void {
  simplify(doc);
  const { schemas } = doc.components;
  // Until nothing changes: merging one pair of twins can make the shapes that contain them equal too.
  for (let renamed = true; renamed;) {
    const used = reachable(doc, schemas);
    const renames = new Map<string, string>();
    for (const name of Object.keys(schemas)) {
      const twin = `${name}Input`;
      if (!used.has(twin) || !isNode(schemas[twin])) continue;
      // Only requests use the shape, or both sides see the same schema: one component, the plain name.
      if (!used.has(name) || stableJson(schemas[name]) === stableJson(schemas[twin])) {
        schemas[name] = schemas[twin];
        delete schemas[twin];
        renames.set(twin, name);
      }
    }
    renameRefs(doc, renames);
    renamed = renames.size > 0;
  }
  const kept = reachable(doc, schemas);
  for (const name of Object.keys(schemas)) if (!kept.has(name)) delete schemas[name];
  for (const [name, schema] of Object.entries(schemas)) referBases(schema, schemas, name);
  referBases(doc.paths, schemas);
  doc.components.schemas = Object.fromEntries(
    Object.keys(schemas)
      .sort()
      .map((name) => [name, schemas[name]]),
  );
}

const pascal = (name: string) => name.replace(/(^|[-_])(\w)/g, (_m, _sep, c: string) => c.toUpperCase());

/**
 * A parameter many operations take is written once, as a component (`campaignId` in the path →
 * `CampaignId`, `team` in the query → `TeamQuery`, `if-match` → `IfMatch`).
 */
export function shareParameters(doc: Node & { paths: Record<string, Record<string, Node>>; components: Node }): void {
  const operations = Object.values(doc.paths).flatMap((item) => Object.values(item));
  // How often each variant of each parameter occurs ('required: false' is the default: dropped).
  const variants = new Map<string, Map<string, number>>();
  for (const op of operations) {
    for (const parameter of (op['parameters'] ?? []) as Node[]) {
      if (parameter['required'] === false) delete parameter['required'];
      const key = `${String(parameter['in'])} ${String(parameter['name'])}`;
      const counts = variants.get(key) ?? new Map<string, number>();
      const text = stableJson(parameter);
      variants.set(key, counts.set(text, (counts.get(text) ?? 0) + 1));
    }
  }
  // The most frequent variant of a parameter used at least twice is shared; other variants stay inline.
  const shared = new Map<string, string>();
  const components: Node = {};
  for (const [key, counts] of variants) {
    const [text, count] = [...counts].reduce((a, b) => (b[1] > a[1] ? b : a));
    if (count < 2) continue;
    const [place, name] = key.split(' ') as [string, string];
    const component = pascal(name) + (place === 'query' ? 'Query' : '');
    shared.set(text, component);
    components[component] = JSON.parse(text);
  }
  for (const op of operations) {
    const parameters = op['parameters'] as Node[] | undefined;
    if (!parameters) continue;
    op['parameters'] = parameters.map((p) => {
      const component = shared.get(stableJson(p));
      return component ? { $ref: `#/components/parameters/${component}` } : p;
    });
  }
  doc.components['parameters'] = Object.fromEntries(Object.entries(components).sort(([a], [b]) => (a < b ? -1 : 1)));
}
