/**
 * Environment for a child process a test spawns (a server, a second service instance). tap follows
 * child processes and would record their coverage too; a child running the sources under tsx reports
 * the same files with other source maps, which spoils the coverage of the whole run. Coverage in the
 * child is switched off explicitly (tap keeps a variable the spawn sets itself). The report keeps one
 * source map per file, the last it reads, so a single such child can spoil it by chance (CI reported
 * 670 statements of some 30,000 when one was read last). Every spawn of a test passes this, or sets
 * the variable itself as startServer does.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra, _TAPJS_PROCESSINFO_COVERAGE_: '0' };
  delete env['NODE_V8_COVERAGE'];
  return env;
}
