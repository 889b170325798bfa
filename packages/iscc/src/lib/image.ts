// From decoded pixels to the 32×32 grey input of the Image-Code, the way
// iscc-sdk prepares it with Pillow (`image_normalize`): alpha composited onto
// white, converted to grey ("L"), resized with Pillow's bicubic convolution.
// iscc-sdk also calls a border trim, but it runs on the RGBA image the alpha
// step returns, where Pillow's getbbox() looks at the alpha band only, which
// is opaque everywhere: it never crops, so neither do we. Each
// step repeats Pillow's integer arithmetic (fixed-point blend, L = (19595 R +
// 38470 G + 7471 B + 2^15) >> 16, 22-bit resampling coefficients, uint8
// between the horizontal and the vertical pass), so decoded pixels give the
// values Pillow 9 gives (test/fixtures/pillow-vectors.json). EXIF orientation
// is not applied, and JPEG decoders differ slightly from libjpeg.
import { assertArg } from '@optout/core';

/** Decoded pixels: `channels` interleaved 8-bit samples per pixel, row-major (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA). */
export interface RawImage {
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
  data: ArrayLike<number>;
}

/** The 1024 grey values (32×32, row-major, 0–255) that `genImageCodeV0` takes, from decoded pixels. */
export function imagePixels(image: RawImage): number[] {
  const { width, height, channels } = image;
  assertArg(width > 0 && height > 0, 'image has no pixels');
  assertArg(
    image.data.length >= width * height * channels,
    'image data shorter than width × height × channels',
  );
  const grey = toGrey(flattenOnWhite(image));
  return Array.from(resizeBicubic(grey, width, height, 32, 32));
}

/** RGB after Pillow's `alpha_composite` onto opaque white (7-bit fixed point, rounded division by 255). */
function flattenOnWhite({ width, height, channels, data }: RawImage): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  const div255 = (v: number) => (((v >>> 8) + v) >>> 8) >>> 7;
  for (let i = 0; i < width * height; i++) {
    const at = i * channels;
    const alpha = channels === 2 || channels === 4 ? data[at + channels - 1]! : 255;
    for (let c = 0; c < 3; c++) {
      const value = channels >= 3 ? data[at + c]! : data[at]!;
      // Over white: coef1 = alpha·128, coef2 = (255 − alpha)·128.
      rgb[i * 3 + c] =
        alpha === 0 ? 255 : div255(value * alpha * 128 + 255 * (255 - alpha) * 128 + (0x80 << 7));
    }
  }
  return rgb;
}

/** Pillow's RGB → L conversion. */
function toGrey(rgb: Uint8Array): Uint8Array {
  const grey = new Uint8Array(rgb.length / 3);
  for (let i = 0; i < grey.length; i++) {
    grey[i] = (rgb[i * 3]! * 19595 + rgb[i * 3 + 1]! * 38470 + rgb[i * 3 + 2]! * 7471 + 0x8000) >>> 16;
  }
  return grey;
}

const PRECISION_BITS = 32 - 8 - 2;

function bicubic(x: number): number {
  const a = -0.5;
  const t = Math.abs(x);
  if (t < 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
  if (t < 2) return (((t - 5) * t + 8) * t - 4) * a;
  return 0;
}

interface Coefficients {
  /** First source index and count per output index. */
  bounds: Int32Array;
  /** `size` fixed-point weights per output index. */
  weights: Int32Array;
  size: number;
}

/** Pillow `precompute_coeffs` + `normalize_coeffs_8bpc` for one axis. */
function coefficients(inSize: number, outSize: number): Coefficients {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = 2 * filterScale;
  const size = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const weights = new Int32Array(outSize * size);
  for (let out = 0; out < outSize; out++) {
    const center = (out + 0.5) * scale;
    const min = Math.max(Math.trunc(center - support + 0.5), 0);
    const count = Math.min(Math.trunc(center + support + 0.5), inSize) - min;
    const raw: number[] = [];
    let total = 0;
    for (let x = 0; x < count; x++) {
      const w = bicubic((x + min - center + 0.5) / filterScale);
      raw.push(w);
      total += w;
    }
    raw.forEach((w, x) => {
      const normal = total === 0 ? w : w / total;
      weights[out * size + x] = Math.trunc(
        normal < 0 ? -0.5 + normal * 2 ** PRECISION_BITS : 0.5 + normal * 2 ** PRECISION_BITS,
      );
    });
    bounds[out * 2] = min;
    bounds[out * 2 + 1] = count;
  }
  return { bounds, weights, size };
}

const clip8 = (sum: number): number =>
  sum >= 2 ** (PRECISION_BITS + 8) ? 255 : sum <= 0 ? 0 : Math.floor(sum / 2 ** PRECISION_BITS);

/** Pillow's two-pass bicubic resize of an 8-bit grey image: horizontal (rows in use only), then vertical. */
function resizeBicubic(
  grey: Uint8Array,
  width: number,
  height: number,
  outW: number,
  outH: number,
): Uint8Array {
  if (width === outW && height === outH) return grey;
  const horizontal = coefficients(width, outW);
  const vertical = coefficients(height, outH);
  const firstRow = vertical.bounds[0]!;
  const lastRow = vertical.bounds[outH * 2 - 2]! + vertical.bounds[outH * 2 - 1]!;
  let rows = grey;
  let rowWidth = width;
  if (width !== outW) {
    rows = new Uint8Array(outW * (lastRow - firstRow));
    for (let y = firstRow; y < lastRow; y++) {
      for (let x = 0; x < outW; x++)
        rows[(y - firstRow) * outW + x] = convolve(grey, y * width, 1, horizontal, x);
    }
    rowWidth = outW;
  }
  const rowOffset = width !== outW ? firstRow : 0;
  if (height === outH && width !== outW) return rows;
  const out = new Uint8Array(outW * outH);
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++)
      out[y * outW + x] = convolve(rows, x - rowOffset * rowWidth, rowWidth, vertical, y);
  }
  return out;
}

/** One output sample: the weighted sum of the source samples `base + (min + i) · step`. */
function convolve(source: Uint8Array, base: number, step: number, c: Coefficients, out: number): number {
  const min = c.bounds[out * 2]!;
  const count = c.bounds[out * 2 + 1]!;
  let sum = 2 ** (PRECISION_BITS - 1);
  for (let i = 0; i < count; i++) sum += source[base + (min + i) * step]! * c.weights[out * c.size + i]!;
  return clip8(sum);
}
