// Writes docs/decision.schema.json from the zod schema of the Decision JSON.
// Run: pnpm schema
import { writeFileSync } from 'node:fs';
import { decisionJsonSchema } from '../src/lib/schema.js';

const target = new URL('../../../docs/decision.schema.json', import.meta.url);
writeFileSync(target, JSON.stringify(decisionJsonSchema(), null, 2) + '\n');
console.log(`wrote ${target.pathname}`);
