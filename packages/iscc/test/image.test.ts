import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THRESHOLDS,
  genImageCodeV0,
  hammingDistance,
  imagePixels,
  isccDecode,
  jpegOrientation,
  orientImage,
  type RawImage,
} from '../src/index.js';
import { decodeImage } from '../src/node.js';
import { drawImage, toJpeg } from './helpers/images.js';

// Pillow 9.4 output of iscc-sdk's normalisation steps and of exif_transpose (scripts/pillow-vectors.py).
interface Fixture {
  vectors: {
    name: string;
    width: number;
    height: number;
    channels: RawImage['channels'];
    data: string;
    pixels: number[];
  }[];
  orientations: {
    width: number;
    height: number;
    data: number[];
    expected: { orientation: number; width: number; height: number; data: number[] }[];
  };
}
const { vectors, orientations } = JSON.parse(
  readFileSync(new URL('./fixtures/pillow-vectors.json', import.meta.url), 'utf8'),
) as Fixture;

describe('imagePixels reproduces Pillow (alpha onto white, L, bicubic 32×32; the RGBA border trim crops nothing)', () => {
  it.each(vectors)(
    '$name ($width×$height, $channels channels)',
    ({ width, height, channels, data, pixels }) => {
      const image: RawImage = { width, height, channels, data: new Uint8Array(Buffer.from(data, 'base64')) };
      expect(imagePixels(image)).toEqual(pixels);
    },
  );
});

describe('EXIF orientation', () => {
  it.each(orientations.expected)(
    'orientation $orientation turns the image as Pillow exif_transpose does',
    (expected) => {
      const source: RawImage = {
        width: orientations.width,
        height: orientations.height,
        channels: 3,
        data: orientations.data,
      };
      const turned = orientImage(source, expected.orientation);
      expect([turned.width, turned.height, Array.from(turned.data)]).toEqual([
        expected.width,
        expected.height,
        expected.data,
      ]);
    },
  );

  it('jpegOrientation reads the Orientation tag of an APP1 Exif segment (both byte orders); 1 without one', () => {
    const plain = toJpeg(drawImage(3, 40, 30), 80);
    expect(jpegOrientation(plain)).toBe(1);
    expect(jpegOrientation(withOrientation(plain, 6, true))).toBe(6);
    expect(jpegOrientation(withOrientation(plain, 8, false))).toBe(8);
    expect(jpegOrientation(plain.subarray(0, 5))).toBe(1);
  });

  it('a JPEG stored sideways with Orientation 6 decodes upright, with a code close to the upright picture', () => {
    const upright = drawImage(4);
    const sideways = orientImage(upright, 8); // turned 90° left, as a camera would store it
    const tagged = withOrientation(toJpeg(sideways, 90), 6, true);
    const decoded = decodeImage(tagged, 'image/jpeg')!;
    expect([decoded.width, decoded.height]).toEqual([upright.width, upright.height]);
    const distance = hammingDistance(
      isccDecode(genImageCodeV0(imagePixels(decoded)).iscc).body,
      isccDecode(genImageCodeV0(imagePixels(upright)).iscc).body,
    );
    expect(distance).toBeLessThanOrEqual(DEFAULT_THRESHOLDS.CONTENT!);
  });
});

/** Insert an APP1 Exif segment with one Orientation entry right after SOI. */
function withOrientation(jpeg: Uint8Array, orientation: number, little: boolean): Uint8Array {
  const tiff = new Uint8Array(8 + 2 + 12 + 4);
  const view = new DataView(tiff.buffer);
  view.setUint16(0, little ? 0x4949 : 0x4d4d);
  view.setUint16(2, 42, little);
  view.setUint32(4, 8, little);
  view.setUint16(8, 1, little);
  view.setUint16(10, 0x0112, little);
  view.setUint16(12, 3, little);
  view.setUint32(14, 1, little);
  view.setUint16(18, orientation, little);
  const app1 = new Uint8Array(4 + 6 + tiff.length);
  new DataView(app1.buffer).setUint16(0, 0xffe1);
  new DataView(app1.buffer).setUint16(2, 2 + 6 + tiff.length);
  app1.set([0x45, 0x78, 0x69, 0x66, 0, 0], 4);
  app1.set(tiff, 10);
  const out = new Uint8Array(jpeg.length + app1.length);
  out.set(jpeg.subarray(0, 2));
  out.set(app1, 2);
  out.set(jpeg.subarray(2), 2 + app1.length);
  return out;
}
