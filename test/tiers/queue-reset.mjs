// Run by tap's runner before the test files (`before` in package.json): an empty queue folder for
// this run, named after the runner's process, where the run's processes take their files (queue.ts).
import { mkdirSync, rmSync } from 'node:fs';
import { URL } from 'node:url';

const queues = new URL('../../.tap/queue/', import.meta.url);
rmSync(queues, { recursive: true, force: true });
mkdirSync(new URL(`${process.ppid}/`, queues), { recursive: true });
