// Run by tap's runner before the test files (`before` in package.json): an empty queue folder for
// this run, named after the runner's process, where the run's processes take their files (queue.ts).
// The folders of earlier runs go; a run still going in the same checkout keeps its own.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { URL } from 'node:url';

const queues = new URL('../../.tap/queue/', import.meta.url);

function running(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

mkdirSync(queues, { recursive: true });
for (const name of readdirSync(queues)) {
  if (Number(name) === process.ppid || !running(Number(name))) rmSync(new URL(`${name}/`, queues), { recursive: true, force: true });
}
mkdirSync(new URL(`${process.ppid}/`, queues));
