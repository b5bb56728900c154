// Writes openapi.yaml from the routes' zod schemas. A test fails when the checked-in file drifts.
import { writeFileSync } from 'node:fs';
import { generateOpenapiYaml } from '../src/http/openapi-document.js';
import { fromRoot } from '../src/paths.js';

const file = fromRoot('openapi.yaml');
writeFileSync(file, await generateOpenapiYaml());
process.stdout.write(`wrote ${file}\n`);
