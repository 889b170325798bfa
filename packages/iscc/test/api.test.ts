import { readdirSync, readFileSync } from 'node:fs';
import * as iscc from '@optout/iscc';
import * as node from '@optout/iscc/node';
import { expect, test } from 'vitest';

test('public API: the names exported by the main entry', () => {
  expect(Object.keys(iscc).sort()).toEqual([
    'Blake3',
    'DEFAULT_THRESHOLDS',
    'DataHasher',
    'HammingIndex',
    'INTENTS',
    'InstanceHasher',
    'IsccRegistry',
    'MainType',
    'MinHash',
    'SubType',
    'USAGE_CATEGORIES',
    'USAGE_KEYS',
    'blake3',
    'concat',
    'dct',
    'decodeBase32',
    'decodeDataUrl',
    'decodeHeader',
    'decodeUnits',
    'encodeBase32',
    'encodeComponent',
    'encodeHeader',
    'encodeLength',
    'encodeUnits',
    'genAudioCodeV0',
    'genDataCodeV0',
    'genImageCodeV0',
    'genInstanceCodeV0',
    'genIsccCodeV0',
    'genMetaCodeV0',
    'genMixedCodeV0',
    'genTextCodeV0',
    'genVideoCodeV0',
    'hammingDistance',
    'htmlToText',
    'imagePixels',
    'isccClean',
    'isccDecode',
    'isccDecompose',
    'isccNormalize',
    'jpegOrientation',
    'loadRegistry',
    'matchStatements',
    'orientImage',
    'parseDeclarationLine',
    'parseDeclarations',
    'parseIscc',
    'popcount32',
    'simhash',
    'splitUnits',
    'textClean',
    'textCollapse',
    'textRemoveNewlines',
    'textTrim',
    'typeName',
    'unitBits',
    'xxh32',
  ]);
});

test('public API: the node entry adds file reading and image decoding', () => {
  expect(Object.keys(node).sort()).toEqual([
    'decodeImage',
    'detectMediaType',
    'isccForFile',
    'loadRegistryFile',
  ]);
});

test('the main entry is pure: only the node entry modules import node:', () => {
  const root = new URL('../src/', import.meta.url);
  const nodeOnly = ['node.ts', 'lib/file.ts', 'lib/registry-file.ts'];
  const index = readFileSync(new URL('index.ts', root), 'utf8');
  for (const file of nodeOnly.slice(1)) {
    expect(index, file).not.toContain(`./${file.replace(/\.ts$/, '.js')}`);
  }
  for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts') || nodeOnly.includes(file)) continue;
    expect(readFileSync(new URL(file, root), 'utf8'), file).not.toMatch(/['"]node:/);
  }
});
