import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { imagePixels, type RawImage } from '../src/index.js';

// Pillow 9.4 output of iscc-sdk's normalisation steps (scripts/pillow-vectors.py).
const { vectors } = JSON.parse(
  readFileSync(new URL('./fixtures/pillow-vectors.json', import.meta.url), 'utf8'),
) as {
  vectors: {
    name: string;
    width: number;
    height: number;
    channels: RawImage['channels'];
    data: string;
    pixels: number[];
  }[];
};

describe('imagePixels reproduces Pillow (alpha onto white, border trim, L, bicubic 32×32)', () => {
  it.each(vectors)(
    '$name ($width×$height, $channels channels)',
    ({ width, height, channels, data, pixels }) => {
      const image: RawImage = { width, height, channels, data: new Uint8Array(Buffer.from(data, 'base64')) };
      expect(imagePixels(image)).toEqual(pixels);
    },
  );
});
