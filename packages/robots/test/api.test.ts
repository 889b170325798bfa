// The package's public surface: a change to it should be deliberate.
import * as api from '@optout/robots';
import { expect, test } from 'vitest';

test('public API: the exported names', () => {
  expect(Object.keys(api).sort()).toEqual(['parseRobots']);
});
