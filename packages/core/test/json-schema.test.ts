import { readFileSync } from 'node:fs';
import { decisionJsonSchema } from '@optout/core/schema';
import { expect, test } from 'vitest';

test('docs/decision.schema.json is the schema generated from the zod definition (run `pnpm schema`)', () => {
  const committed = JSON.parse(
    readFileSync(new URL('../../../docs/decision.schema.json', import.meta.url), 'utf8'),
  );
  expect(committed).toEqual(decisionJsonSchema());
});
