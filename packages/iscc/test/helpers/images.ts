// Synthetic test images: smooth shapes and gradients drawn from a seed, so
// "the same picture" and "another picture" can be made without fixtures.
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { RawImage } from '../../src/index.js';

/** A small deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An RGBA picture of soft blobs on a gradient, different for every seed. */
export function drawImage(seed: number, width = 320, height = 240): RawImage {
  const rnd = random(seed);
  const blobs = Array.from({ length: 6 }, () => ({
    x: rnd() * width,
    y: rnd() * height,
    r: 20 + rnd() * 80,
    c: [rnd() * 255, rnd() * 255, rnd() * 255],
  }));
  const angle = rnd() * Math.PI * 2;
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const g = 128 + 100 * Math.sin((x * Math.cos(angle) + y * Math.sin(angle)) / 60);
      const px = [g, 255 - g, g / 2];
      for (const b of blobs) {
        const w = Math.exp(-((x - b.x) ** 2 + (y - b.y) ** 2) / (2 * b.r * b.r));
        for (let c = 0; c < 3; c++) px[c] = px[c]! * (1 - w) + b.c[c]! * w;
      }
      data.set([...px.map((v) => Math.round(v)), 255], (y * width + x) * 4);
    }
  }
  return { width, height, channels: 4, data };
}

/** Nearest-neighbour resize (a cruder resampler than ours, as a real pipeline would differ). */
export function resizeNearest(image: RawImage, width: number, height: number): RawImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = Math.floor((x * image.width) / width);
      const sy = Math.floor((y * image.height) / height);
      for (let c = 0; c < 4; c++)
        data[(y * width + x) * 4 + c] = image.data[(sy * image.width + sx) * 4 + c]!;
    }
  }
  return { width, height, channels: 4, data };
}

/** Encode as JPEG with jpeg-js. */
export function toJpeg(image: RawImage, quality: number): Uint8Array {
  return jpeg.encode(
    { width: image.width, height: image.height, data: Buffer.from(image.data as Uint8Array) },
    quality,
  ).data;
}

/** Encode as PNG with pngjs. */
export function toPng(image: RawImage): Uint8Array {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data as Uint8Array);
  return PNG.sync.write(png);
}
