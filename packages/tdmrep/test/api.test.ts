// The package's public surface: a change to it should be deliberate.
import * as api from '@optout/tdmrep';
import * as file from '@optout/tdmrep/file';
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

test("public API: the file entry (tdmrep.json and the cascade alone, without the EPUB, PDF and XMP readers) shares the main entry's code", () => {
  expect(Object.keys(file).sort()).toEqual(['cascade', 'parseTdmrepFile']);
  expect(file.cascade).toBe(api.cascade);
  expect(file.parseTdmrepFile).toBe(api.parseTdmrepFile);
});
