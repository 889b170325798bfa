import { copyWith } from '@optout/core';
import { expect, test } from 'vitest';

test('copyWith: the source keys in their order, then the new fields; the source is left alone', () => {
  const source = { b: 1, a: { deep: true } };
  const copy = copyWith(source, { c: 'x' });
  expect(Object.keys(copy)).toEqual(['b', 'a', 'c']);
  expect(copy).toEqual({ b: 1, a: { deep: true }, c: 'x' });
  expect(copy.a).toBe(source.a);
  expect(source).toEqual({ b: 1, a: { deep: true } });
});

test('copyWith: a field the source has is replaced where it stands', () => {
  const copy = copyWith({ raw: 'r', url: 'u', line: 3 }, { url: 'v', sha256: 'h' });
  expect(Object.entries(copy)).toEqual([
    ['raw', 'r'],
    ['url', 'v'],
    ['line', 3],
    ['sha256', 'h'],
  ]);
});
