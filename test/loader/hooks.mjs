// Node module hooks that run the TypeScript sources and tests as esbuild strips their types: each file
// on its own, with an inline source map so stack traces and tap's coverage point at the .ts lines.
// tap's own TypeScript plugin (ts-node) took about 4.8 s to load the app in every test process, this
// about 2 s. No type is checked here: `npm test` runs tsc over the whole tree before the tests. (tsx
// would do the same, but its output is whitespace-minified, and tap's coverage then reads 100 %.)
import { transform } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

// The sources import each other as '.js' (NodeNext): when no such file exists, try the '.ts' beside it.
export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const relative = specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:');
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !relative || !specifier.endsWith('.js')) throw error;
    return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
  }
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const file = fileURLToPath(url);
  const { code } = await transform(await readFile(file, 'utf8'), {
    loader: 'ts',
    format: 'esm',
    target: `node${process.versions.node}`,
    sourcefile: file,
    sourcemap: 'inline',
    sourcesContent: true,
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
  });
  return { format: 'module', source: code, shortCircuit: true };
}
