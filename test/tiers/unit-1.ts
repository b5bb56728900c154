import { runShard } from './unit.js';

await runShard(0, 2);
