import { concatBytes, decodeText, headerValues, parseHeaderBlock } from '@optout/core';
import { expect, test } from 'vitest';

test('headerValues reads every shape, case-insensitively, keeping repeated lines', () => {
  const pairs: [string, string][] = [
    ['X-Robots-Tag', 'all'],
    ['x-robots-tag', 'noai'],
  ];
  expect(headerValues(pairs, 'x-robots-tag')).toEqual(['all', 'noai']);
  expect(headerValues({ 'X-Robots-Tag': ['all', 'noai'], Other: 'x' }, 'X-ROBOTS-TAG')).toEqual([
    'all',
    'noai',
  ]);
  expect(headerValues(new Headers(pairs), 'x-robots-tag')).toEqual(['all, noai']);
});

test('parseHeaderBlock skips the status line, joins folded lines and stops at the body', () => {
  const block =
    'HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\nHTTP/2 200\r\ntdm-reservation: 1\r\nX-Note: a\r\n  b\r\nbad line\r\n\r\nbody: no\r\n';
  expect(parseHeaderBlock(block)).toEqual([
    ['tdm-reservation', '1'],
    ['X-Note', 'a b'],
  ]);
});

test('decodeText skips full and partial BOMs, replaces bad UTF-8 and cuts at the limit', () => {
  expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toMatchObject({ text: 'A', bom: true });
  expect(decodeText(new Uint8Array([0xef, 0xbb, 0x41]))).toMatchObject({ text: 'A', bom: true });
  expect(decodeText(new Uint8Array([0xff, 0x41])).text).toBe('\uFFFDA');
  expect(decodeText(new Uint8Array([0x41, 0x42, 0x43]), 2)).toMatchObject({
    text: 'AB',
    truncated: true,
    bytes: 2,
  });
  expect(decodeText('\uFEFFabc', 2)).toMatchObject({ text: 'ab', truncated: true, bom: true });
});

test('concatBytes joins chunks in order; one chunk comes back as it is', () => {
  const a = Uint8Array.of(1, 2);
  expect(concatBytes([a, Uint8Array.of(), Uint8Array.of(3)])).toEqual(Uint8Array.of(1, 2, 3));
  expect(concatBytes([])).toEqual(new Uint8Array(0));
  expect(concatBytes([a])).toBe(a);
});
