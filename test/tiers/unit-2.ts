import { runQueue } from './queue.js';
import { quickTier } from './files.js';

// Half of `npm run test:unit` (with unit-1.ts): see queue.ts.
runQueue(quickTier());
