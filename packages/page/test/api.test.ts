// The package's public surface: a change to it should be deliberate.
import * as api from '@optout/page';
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
