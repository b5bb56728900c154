// Lint of the sources, tests, benchmarks and scripts: `npm run lint` runs it next to prettier --check
// and tsc (scripts/checks.mjs), and `npm test` runs that before the tests. Formatting is prettier's
// (.prettierrc.json); nothing here is about layout.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import moduleBoundaries from './eslint/module-boundaries.js';

// The few globals the plain scripts use (the `globals` package is not a dependency).
const node = {
  process: 'readonly',
  console: 'readonly',
  require: 'readonly',
  module: 'writable',
  __dirname: 'readonly',
  __filename: 'readonly',
  Buffer: 'readonly',
  setTimeout: 'readonly',
};
const browser = {
  window: 'readonly',
  document: 'readonly',
  location: 'readonly',
  history: 'readonly',
  fetch: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
  setInterval: 'readonly',
  clearInterval: 'readonly',
  URL: 'readonly',
  URLSearchParams: 'readonly',
  FormData: 'readonly',
  AbortController: 'readonly',
  HTMLFormElement: 'readonly',
  HTMLElement: 'readonly',
  HTMLInputElement: 'readonly',
  EventSource: 'readonly',
  console: 'readonly',
};

// Which files of a module other modules may import (docs/contracts.md). Every module offers its
// service, its schema, its errors, its pure rules and its tables (drizzle foreign keys, and db/schema.ts
// lists every table for the migrations); the extras below say why they are shared.
const front = {
  '*': ['service.ts', 'schema.ts', 'errors.ts', 'rules.ts', 'tables.ts'],
  // the actor, the access policy and the request's actor; roleLabel names a role on every page; people
  // (invitations) and web sessions are auth's two other services, built in app.ts like service.ts
  auth: ['actor.ts', 'policy.ts', 'plugin.ts', 'roles.ts', 'people.ts', 'sessions.ts'],
  // every repository takes a Db; the feed signs its cursors with the database's epochs
  db: ['connection.ts', 'epoch.ts'],
  // the SQL read models the office's dashboard and exports count with (built in app.ts)
  documents: ['aggregates.ts'],
  schedule: ['aggregates.ts', 'lifecycle.ts'],
  outlines: ['aggregates.ts'],
  findings: ['conclusions/aggregates.ts', '*/schema.ts', '*/rules.ts'],
  // progress offers two services: per-team progress (service.ts) and the office's dashboard
  progress: ['dashboard.ts', 'dashboard-schema.ts'],
  // the shared request toolbox; its plugins (idempotency, input, security, openapi …) are app.ts's
  http: [
    'errors.ts',
    'etag.ts',
    'schemas.ts',
    'params.ts',
    'problem.ts',
    'upload.ts',
    'yaml.ts',
    'content-disposition.ts',
    'serializer.ts',
    'docs.ts',
    'rate-limit.ts',
    // the text check every body passes (NUL, damaged UTF-8), which the pages' forms and the
    // conclusions' multipart fields apply too
    'input.ts',
    // helmet's header values, computed once: the API's set, and the pages' (their CSP) from the web module
    'helmet.ts',
  ],
  // the Handlebars environment and its helpers, the Chromium pool, the file store, Word output
  render: ['templates.ts', 'helpers.ts', 'pdf.ts', 'store.ts', 'docx.ts', 'layout.ts'],
  // small stateless helpers (dates, Vietnamese text, places, stable JSON) and the content cache
  text: ['*.ts'],
};

// Cross-module imports outside the front door, kept knowingly (issue 16 item 5 may remove them).
const exceptions = [
  {
    importer: 'outlines/set-routes.ts',
    target: 'campaigns/loader.ts',
    reason: 'an outline set is read by the YAML reader of campaign definitions, so both refuse a document naming its lines the same way',
  },
  {
    importer: 'outlines/service.ts',
    target: 'findings/evidence/uploads.ts',
    reason: 'self-report scans are kept by the upload store of the evidence (one store type, built in app.ts)',
  },
  {
    importer: 'outlines/submission.ts',
    target: 'findings/evidence/uploads.ts',
    reason: 'self-report scans are kept by the upload store of the evidence (one store type, built in app.ts)',
  },
];

// Pure files: the domain rules and the helpers they import. They take `now` and data as arguments
// (STYLE.md 6) and import nothing that does I/O; a type from such a module is fine (erased).
const pureFiles = [
  'src/**/rules.ts',
  'src/**/rules-*.ts',
  'src/**/*-rules.ts',
  'src/outlines/references.ts',
  'src/schedule/labels.ts',
  'src/schedule/slots.ts',
  'src/schedule/lifecycle.ts',
  'src/calendar/lunar.ts',
  'src/calendar/estimate.ts',
  'src/calendar/compose.ts',
  'src/text/dates.ts',
  'src/text/vietnamese.ts',
  'src/text/places.ts',
  'src/text/plan.ts',
  'src/text/stable-json.ts',
  'src/http/content-disposition.ts',
];
const ioModules = [
  'drizzle-orm',
  'better-sqlite3',
  'zod',
  'puppeteer',
  'fastify',
  'node:fs',
  'node:fs/promises',
  'fs',
  'node:net',
  'node:http',
  'node:child_process',
  'node:worker_threads',
];

export default defineConfig(
  {
    ignores: ['dist/', 'var/', 'coverage/', '.tap/', 'bench/results/', 'scratch/', 'node_modules/', 'migrations/', 'data/', 'outlines/', 'templates/', 'docs/'],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Fastify plugins and handlers are async by contract (a plugin's promise tells avvio it is
      // loaded; a handler returns its value), with or without an await inside.
      '@typescript-eslint/require-await': 'off',
      // Services are closures returned by factories (no `this` anywhere) and are listed method by
      // method (`visit: reads.visit`), so a detached method is the house style, not a bug.
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Bugs the presets leave out:
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // `import { type X }` keeps an empty import (verbatimModuleSyntax), loading X's module at run time
      '@typescript-eslint/no-import-type-side-effects': 'error',
      // (return-await is left out: FastifyReply is a thenable, and `return reply.redirect(…)` inside a try
      // is Fastify's idiom, not a rejection escaping the catch; it was all the rule found.)
      '@typescript-eslint/no-misused-spread': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-restricted-syntax': [
        'error',
        {
          // better-sqlite3 commits when the callback returns: an async one commits at its first await
          selector: "CallExpression[callee.property.name='transaction'] > :function[async=true]",
          message: 'A transaction callback must be synchronous (an async one commits early and never rolls back).',
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests read answers as JSON (`res.json()` is any) and assert on them: the assertion is the
      // check, typing every body would restate openapi.yaml in each test.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // tap queues t.test() subtests and waits for them in order; any other promise must be awaited
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: '@tapjs/test', name: 'test' }] }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { local: { rules: { 'module-boundaries': moduleBoundaries } } },
    rules: {
      'local/module-boundaries': ['error', { front, exceptions }],
      // The service logs through Fastify's logger; the CLI writes to process.stdout.
      'no-console': 'error',
      // Configuration is parsed once in server.ts (and the CLI); the app gets it as data.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration in server.ts/cli.ts and pass it as data (STYLE.md 10).' },
      ],
    },
  },
  {
    files: ['src/server.ts', 'src/cli.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: pureFiles,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ioModules.map((name) => ({ name, allowTypeImports: true, message: 'A pure file does no I/O (STYLE.md 6, 17).' })),
          patterns: [
            { group: ['drizzle-orm/*', 'zod/*', 'puppeteer/*'], allowTypeImports: true, message: 'A pure file does no I/O (STYLE.md 6, 17).' },
            {
              group: ['**/db/*', '**/tables.js', '**/repository.js', '**/*-repository.js', '**/service.js', '**/*-routes.js', '**/routes.js'],
              allowTypeImports: true,
              message: 'A pure file imports no database, service or route code (only its types).',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'A rule takes `now` as an argument.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'A rule takes `now` as an argument.' },
        {
          selector: "CallExpression[callee.object.name='DateTime'][callee.property.name=/^(now|local)$/][arguments.length=0]",
          message: 'A rule takes `now` as an argument.',
        },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'A rule is deterministic.' },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: node },
  },
  {
    files: ['scripts/**/*.mjs', 'test/**/*.mjs', '**/*.config.js', 'eslint/**/*.js'],
    languageOptions: { globals: node },
  },
  {
    files: ['public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: browser },
  },
);
