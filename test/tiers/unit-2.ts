import { runShard } from './unit.js';

await runShard(1, 2);
