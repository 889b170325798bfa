// The package's public surface: a change to it should be deliberate.
import * as api from '@optout/tdmrep';
import { expect, test } from 'vitest';

test('public API: the exported names', () => {
  expect(Object.keys(api).sort()).toEqual([
    'TDMREP_HASH_NS',
    'TDMREP_XMP_NS',
    'cascade',
    'parsePolicy',
    'parseTdmrepFile',
    'policyKind',
    'readEpub',
    'readOpf',
    'readPdf',
    'readTdmHeaders',
    'readTdmHtml',
    'readXmpTdm',
  ]);
});
