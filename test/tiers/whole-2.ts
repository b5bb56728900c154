import { runQueue } from './queue.js';
import { wholeSuite } from './files.js';

// A third of `npm test` (with whole-1.ts and whole-3.ts; one such file for each of tap's jobs): see queue.ts.
runQueue(wholeSuite());
