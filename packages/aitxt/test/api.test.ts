// The package's public surface: a change to it should be deliberate.
import * as api from '@optout/aitxt';
import { expect, test } from 'vitest';

test('public API: the exported names', () => {
  expect(Object.keys(api).sort()).toEqual(['parseAiTxt']);
});
