import { DEFAULT_LIMITS, readMedia } from '@optout/media';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  bmff,
  box,
  cat,
  gif,
  heifXmpItem,
  id3,
  jpeg,
  png,
  riff,
  store,
  superbox,
  svg,
  tdm,
  tiff,
  u32,
  xmpApp1,
  xmpPacket,
} from './build.js';
import { c2paRows, fixture } from './helpers.js';

// Corrupt, truncated or hostile files give diagnostics, never exceptions,
// and stay within the caps: every fixture truncated at random points and with
// random byte flips.
const MAX_MS = 250;

function checkedRead(bytes: Uint8Array) {
  const start = performance.now();
  const report = readMedia(bytes);
  const ms = performance.now() - start;
  expect(ms).toBeLessThan(MAX_MS);
  expect(report.diagnostics.length).toBeLessThanOrEqual(DEFAULT_LIMITS.maxDiagnostics + 1);
  expect(Array.isArray(report.statements)).toBe(true);
  return report;
}

describe.each([false, true])('mutations of a HEIF XMP item table (item in idat: %s)', (inIdat) => {
  const bytes = heifXmpItem('heic', store({ assertions: [] }), xmpPacket(''), inIdat);
  test('any byte flipped (iinf, infe, iloc counts and offsets): no exception, bounded time', () => {
    fc.assert(
      fc.property(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, mask) => {
        const copy = bytes.slice();
        copy[at]! ^= mask;
        checkedRead(copy);
      }),
      { numRuns: 300 },
    );
  });
});

describe.each(c2paRows().map((r) => r.file))('mutations of %s', (file) => {
  const bytes = fixture(`c2pa/${file}`);

  test('truncated at any point: no exception, bounded time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length }), (cut) => {
        checkedRead(bytes.subarray(0, cut));
      }),
      { numRuns: 40 },
    );
  });

  test('random byte flips: no exception, bounded time', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 })), {
          minLength: 1,
          maxLength: 16,
        }),
        (flips) => {
          const copy = bytes.slice();
          for (const [at, mask] of flips) copy[at]! ^= mask;
          checkedRead(copy);
        },
      ),
      { numRuns: 40 },
    );
  });

  test('flips inside the first 4 KiB (headers, where lengths live)', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: Math.min(4095, bytes.length - 1) }),
        fc.integer({ min: 1, max: 255 }),
        (at, mask) => {
          const copy = bytes.slice();
          copy[at]! ^= mask;
          checkedRead(copy);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('hostile inputs', () => {
  test('random bytes behind each container signature never throw', () => {
    const heads = [
      [0xff, 0xd8, 0xff],
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      [...'RIFF\0\0\0\0WEBP'].map((c) => (typeof c === 'string' ? c.charCodeAt(0) : c)),
      [0, 0, 0, 0x18, ...[...'ftypheic'].map((c) => c.charCodeAt(0))],
      [...'ID3'].map((c) => c.charCodeAt(0)).concat([4, 0, 0]),
      [0x49, 0x49, 42, 0],
      [0x4d, 0x4d, 0, 42],
      [...'%PDF-'].map((c) => c.charCodeAt(0)),
      [...'GIF89a'].map((c) => c.charCodeAt(0)),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...heads), fc.uint8Array({ maxLength: 2048 }), (head, tail) => {
        checkedRead(cat(new Uint8Array(head), tail));
      }),
      { numRuns: 400 },
    );
  });

  test('a box claiming 4 GiB is cut off by its enclosing box, not allocated', () => {
    const lying = cat(u32(0xfffffff0), new TextEncoder().encode('jumb'), new Uint8Array(32));
    const r = checkedRead(png(lying));
    expect(r.manifest).toBeUndefined();
    expect(r.diagnostics.length).toBeGreaterThan(0);
  });

  test('JUMBF nesting deeper than maxDepth stops with a diagnostic', () => {
    let nested = box('cbor', new Uint8Array(1));
    for (let i = 0; i < 100; i++) nested = superbox('c2as', `n${i}`, nested);
    const r = checkedRead(png(superbox('c2pa', 'c2pa', nested)));
    expect(r.diagnostics.map((d) => d.code)).toContain('media.too-deep');
  });

  const STORE = store({ assertions: [tdm('cawg.training-mining', {})] });
  const XMP = xmpPacket('');
  test.each([
    ['JPEG', () => jpeg(STORE, { app1: [xmpApp1(XMP)] })],
    ['PNG', () => png(STORE, XMP)],
    ['RIFF', () => riff('WEBP', STORE, XMP)],
    ['BMFF', () => bmff('heic', STORE, XMP)],
    ['ID3', () => id3(3, STORE, XMP)],
    ['GIF', () => gif(STORE, XMP)],
  ])('%s: a container walk stops at maxBoxes units, with a diagnostic', (name, build) => {
    const r = readMedia(build(), { limits: { maxBoxes: 1 } });
    const walk = r.diagnostics.filter((d) => d.code === 'media.too-many-boxes' && d.message.startsWith(name));
    expect(walk.length, JSON.stringify(r.diagnostics)).toBeGreaterThan(0);
  });

  test('more boxes than maxBoxes stops with a diagnostic', () => {
    const many = Array.from({ length: 200 }, () => box('free'));
    const r = readMedia(png(superbox('c2pa', 'c2pa', ...many)), { limits: { maxBoxes: 50 } });
    expect(r.diagnostics.map((d) => d.code)).toContain('media.too-many-boxes');
  });

  test('deeply nested CBOR in an assertion is a diagnostic, not a crash', () => {
    const deep = new Uint8Array(200_000).fill(0x81); // an array of an array of ...
    const assertion = superbox('cbor', 'cawg.training-mining', box('cbor', deep));
    const bomb = superbox(
      'c2pa',
      'c2pa',
      superbox('c2ma', 'urn:c2pa:x', superbox('c2as', 'c2pa.assertions', assertion)),
    );
    const r = checkedRead(png(bomb));
    expect(r.diagnostics.map((d) => d.code)).toContain('c2pa.training-mining-malformed');
  });

  test.each([
    ['JPEG', jpeg],
    ['PNG', png],
    ['RIFF', (s: Uint8Array) => riff('WAVE', s)],
    ['BMFF', (s: Uint8Array) => bmff('mp41', s)],
    ['ID3', (s: Uint8Array) => id3(4, s)],
    ['TIFF', (s: Uint8Array) => tiff(true, s)],
    ['GIF', gif],
    ['SVG', svg],
    ['sidecar', (s: Uint8Array) => s],
  ])('%s: a manifest store larger than maxManifestBytes is refused', (_name, build) => {
    const bytes = build(store({ assertions: [tdm('cawg.training-mining', {})] }));
    expect(readMedia(bytes).manifest).toBeDefined();
    const r = readMedia(bytes, { limits: { maxManifestBytes: 100 } });
    expect(r.manifest).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toContain('media.too-large');
  });

  test('bad limits are a programmer error', () => {
    expect(() => readMedia(new Uint8Array(), { limits: { maxBoxes: -1 } })).toThrow(/maxBoxes/);
    expect(() => readMedia('x' as unknown as Uint8Array)).toThrow(/Uint8Array/);
  });

  test('empty input: unknown format, no exception', () => {
    expect(readMedia(new Uint8Array())).toMatchObject({ format: 'unknown', statements: [] });
  });
});
