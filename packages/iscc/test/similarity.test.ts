import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THRESHOLDS,
  genDataCodeV0,
  genImageCodeV0,
  genTextCodeV0,
  hammingDistance,
  imagePixels,
  isccDecode,
  type RawImage,
} from '../src/index.js';
import { decodeImage } from '../src/node.js';
import { drawImage, random, resizeNearest, toJpeg, toPng } from './helpers/images.js';

const distance = (a: string, b: string): number => hammingDistance(isccDecode(a).body, isccDecode(b).body);
const CONTENT = DEFAULT_THRESHOLDS.CONTENT!;
const DATA = DEFAULT_THRESHOLDS.DATA!;
const SEEDS = [1, 2, 3, 4];

describe('Image-Code similarity (64 bits, default threshold CONTENT)', () => {
  const code = (image: RawImage): string => genImageCodeV0(imagePixels(image)).iscc;
  const decoded = (bytes: Uint8Array, type: string): RawImage => decodeImage(bytes, type)!;

  it.each(SEEDS)('seed %i: PNG round trip gives the identical code', (seed) => {
    const image = drawImage(seed);
    expect(code(decoded(toPng(image), 'image/png'))).toBe(code(image));
  });

  it.each(SEEDS)('seed %i: re-encoded as JPEG (q75, q30) stays within the threshold', (seed) => {
    const image = drawImage(seed);
    for (const quality of [75, 30]) {
      expect(distance(code(image), code(decoded(toJpeg(image, quality), 'image/jpeg')))).toBeLessThanOrEqual(
        CONTENT,
      );
    }
  });

  it.each(SEEDS)('seed %i: resized (50%, 150%, 50% as JPEG q50) stays within the threshold', (seed) => {
    const image = drawImage(seed);
    const small = resizeNearest(image, 160, 120);
    for (const variant of [small, resizeNearest(image, 480, 360), decoded(toJpeg(small, 50), 'image/jpeg')]) {
      expect(distance(code(image), code(variant))).toBeLessThanOrEqual(CONTENT);
    }
  });

  it.each(SEEDS)('seed %i: an unrelated image is beyond the threshold', (seed) => {
    expect(distance(code(drawImage(seed)), code(drawImage(seed + 100)))).toBeGreaterThan(CONTENT);
  });
});

const WORDS = (
  'the of and to in a is that for it as was with be by on not he this are or his from at which but have an ' +
  'they you were her she there one all we their can been has more rights reserved mining training model data'
).split(' ');
function prose(seed: number, words: number): string {
  const rnd = random(seed);
  return Array.from({ length: words }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
}
function editWords(text: string, edits: number, seed: number): string {
  const words = text.split(' ');
  const rnd = random(seed);
  for (let i = 0; i < edits; i++) words[Math.floor(rnd() * words.length)] = 'changed';
  return words.join(' ');
}

describe('Text-Code similarity (64 bits, default threshold CONTENT)', () => {
  it.each(SEEDS)('seed %i: case, punctuation and spacing changes give the identical code', (seed) => {
    const text = prose(seed, 600);
    const variant = `  ${text.toUpperCase().replace(/ the /g, ',  the\n')}!`;
    expect(genTextCodeV0(variant).iscc).toBe(genTextCodeV0(text).iscc);
  });

  it.each(SEEDS)('seed %i: a few replaced words (1 in 100) stay within the threshold', (seed) => {
    const text = prose(seed, 600);
    expect(
      distance(genTextCodeV0(text).iscc, genTextCodeV0(editWords(text, 6, seed)).iscc),
    ).toBeLessThanOrEqual(CONTENT);
  });

  it.each(SEEDS)('seed %i: an unrelated text is beyond the threshold', (seed) => {
    expect(
      distance(genTextCodeV0(prose(seed, 600)).iscc, genTextCodeV0(prose(seed + 50, 600)).iscc),
    ).toBeGreaterThan(CONTENT);
  });
});

describe('Data-Code similarity (64 bits, default threshold DATA)', () => {
  const bytes = (seed: number, n: number) => {
    const rnd = random(seed);
    return Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
  };

  it.each(SEEDS)('seed %i: 10 bytes inserted in 200 kB stay within the threshold', (seed) => {
    const original = bytes(seed, 200_000);
    const edited = new Uint8Array(original.length + 10);
    edited.set(original.subarray(0, 50_000));
    edited.set(original.subarray(50_000), 50_010);
    expect(distance(genDataCodeV0(original).iscc, genDataCodeV0(edited).iscc)).toBeLessThanOrEqual(DATA);
  });

  it.each(SEEDS)('seed %i: unrelated bytes are beyond the threshold', (seed) => {
    expect(
      distance(genDataCodeV0(bytes(seed, 200_000)).iscc, genDataCodeV0(bytes(seed + 9, 200_000)).iscc),
    ).toBeGreaterThan(DATA);
  });
});
