// Loaded with `node --import`: see hooks.mjs.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
