import { runQueue } from './queue.js';
import { wholeSuite } from './files.js';

// Half of `npm test` (with whole-1.ts): see queue.ts.
runQueue(wholeSuite());
