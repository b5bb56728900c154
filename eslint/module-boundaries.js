// A module (a folder under src/) is reached from other modules only through its front door: the
// files named in `front` (docs/contracts.md). The files at the top of src/ (app.ts, server.ts, cli.ts:
// the composition root) may import any file; tests may too, they test units. A cross-module import
// that is not through the front door is an error unless `exceptions` names it with a reason.
import path from 'node:path';

/** "findings/*\/schema.ts" -> a RegExp over a path inside the module ("checklist/schema.ts"). */
function glob(pattern) {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${source}$`);
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Other modules are imported only through their public files (docs/contracts.md)' },
    schema: [
      {
        type: 'object',
        properties: {
          front: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
          exceptions: {
            type: 'array',
            items: {
              type: 'object',
              properties: { importer: { type: 'string' }, target: { type: 'string' }, reason: { type: 'string', minLength: 10 } },
              required: ['importer', 'target', 'reason'],
              additionalProperties: false,
            },
          },
        },
        required: ['front'],
        additionalProperties: false,
      },
    ],
    messages: {
      private: "'{{target}}' is inside module '{{module}}': import its public files ({{front}}) or add a reasoned exception in eslint.config.js",
    },
  },
  create(context) {
    const { front, exceptions = [] } = context.options[0];
    const root = path.join(context.cwd, 'src');
    const importer = path.relative(root, context.filename).split(path.sep).join('/');
    const from = importer.split('/');
    if (importer.startsWith('..') || from.length < 2) return {};
    const defaults = (front['*'] ?? []).map(glob);
    const allowed = new Map(exceptions.map((e) => [`${e.importer} ${e.target}`, true]));

    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path
        .relative(root, path.resolve(path.dirname(context.filename), source))
        .split(path.sep)
        .join('/')
        .replace(/\.js$/, '.ts');
      const to = target.split('/');
      // src/paths.ts and the like: shared files outside any module
      if (target.startsWith('..') || to.length < 2 || to[0] === from[0]) return;
      const inner = to.slice(1).join('/');
      const patterns = [...defaults, ...(front[to[0]] ?? []).map(glob)];
      if (patterns.some((p) => p.test(inner)) || allowed.has(`${importer} ${target}`)) return;
      context.report({
        node,
        messageId: 'private',
        data: { target, module: to[0], front: [...new Set([...(front['*'] ?? []), ...(front[to[0]] ?? [])])].join(', ') },
      });
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};
