import { readdirSync, readFileSync } from 'node:fs';
import * as media from '@optout/media';
import { expect, test } from 'vitest';

test('public API: the exported names', () => {
  expect(Object.keys(media).sort()).toEqual([
    'DATA_MINING_CODES',
    'DEFAULT_LIMITS',
    'HANDLERS',
    'MEDIA_TYPES',
    'inspectMedia',
    'readMedia',
    'readMediaStream',
    'sniff',
    'validateWithC2paRs',
  ]);
});

test('every container handler has a name, a sniffer and at least one reader', () => {
  for (const handler of media.HANDLERS) {
    expect(handler.name).toMatch(/^[a-z0-9]+$/);
    expect(typeof handler.sniff).toBe('function');
    expect(handler.readManifest ?? handler.readXmp).toBeTypeOf('function');
  }
});

test('parsers are pure: no node: imports outside the lazy validator loader', () => {
  const root = new URL('../src/', import.meta.url);
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  expect(files.length).toBeGreaterThan(10);
  for (const file of files) {
    const text = readFileSync(new URL(file, root), 'utf8');
    if (file.endsWith('validate.ts')) expect(text).not.toMatch(/^import .* from 'node:/m);
    else expect(text, file).not.toMatch(/['"]node:/);
  }
});
