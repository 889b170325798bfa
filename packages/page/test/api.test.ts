// The package's public surface: a change to it should be deliberate.
import * as api from '@optout/page';
import * as rsl from '@optout/page/rsl';
import { expect, test } from 'vitest';

test('public API: the exported names', () => {
  expect(Object.keys(api).sort()).toEqual([
    'RSL_NAMESPACE',
    'htmlHead',
    'isImageType',
    'parseContentSignal',
    'parseDirectives',
    'parseLinkHeader',
    'parseRsl',
    'readContentSignal',
    'readContentUsage',
    'readHtml',
    'readLinkHeaders',
    'readPage',
    'readUsagePreferences',
    'readXRobotsTag',
    'rslTerms',
  ]);
});

test("public API: the rsl entry (RSL documents alone, without the HTML reader) shares the main entry's code", () => {
  expect(Object.keys(rsl).sort()).toEqual(['RSL_NAMESPACE', 'parseRsl', 'rslTerms']);
  expect(rsl.RSL_NAMESPACE).toBe(api.RSL_NAMESPACE);
  expect(rsl.parseRsl).toBe(api.parseRsl);
  expect(rsl.rslTerms).toBe(api.rslTerms);
});
