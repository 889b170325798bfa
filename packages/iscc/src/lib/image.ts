// From decoded pixels to the 32×32 grey input of the Image-Code, roughly as
// iscc-sdk prepares it with Pillow: alpha flattened onto white, greyscale
// (ITU-R 601-2 luma, as Pillow's "L"), uniform borders cropped, then resized.
// Pillow resizes with a bicubic filter; this uses area averaging, so codes
// may differ from iscc-sdk's in a few bits (EXIF orientation is not applied).
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
  const { width, height } = image;
  assertArg(width > 0 && height > 0, 'image has no pixels');
  assertArg(
    image.data.length >= width * height * image.channels,
    'image data shorter than width × height × channels',
  );
  const grey = toGrey(image);
  const box = trimBorders(grey, width, height);
  return resize(grey, width, box, 32, 32).map((v) => Math.min(255, Math.max(0, Math.round(v))));
}

function toGrey({ width, height, channels, data }: RawImage): Float64Array {
  const grey = new Float64Array(width * height);
  for (let i = 0; i < grey.length; i++) {
    const at = i * channels;
    const alpha = channels === 2 || channels === 4 ? data[at + channels - 1]! / 255 : 1;
    const luma =
      channels >= 3 ? (data[at]! * 299 + data[at + 1]! * 587 + data[at + 2]! * 114) / 1000 : data[at]!;
    grey[i] = Math.round(luma * alpha + 255 * (1 - alpha));
  }
  return grey;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The bounding box of what differs from the top-left pixel; the whole image if nothing does. */
function trimBorders(grey: Float64Array, width: number, height: number): Box {
  const background = grey[0]!;
  let left = width;
  let top = height;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (grey[y * width + x] === background) continue;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
    }
  }
  if (right < 0) return { left: 0, top: 0, right: width, bottom: height };
  return { left, top, right: right + 1, bottom: bottom + 1 };
}

/** Area-averaging resize of the box to w×h (each target pixel is the mean of the source area it covers). */
function resize(grey: Float64Array, stride: number, box: Box, w: number, h: number): number[] {
  const rows: number[][] = [];
  for (let y = box.top; y < box.bottom; y++) {
    rows.push(resample(Array.from(grey.subarray(y * stride + box.left, y * stride + box.right)), w));
  }
  const out = new Array<number>(w * h);
  for (let x = 0; x < w; x++) {
    const column = resample(
      rows.map((row) => row[x]!),
      h,
    );
    for (let y = 0; y < h; y++) out[y * w + x] = column[y]!;
  }
  return out;
}

function resample(values: readonly number[], size: number): number[] {
  const scale = values.length / size;
  const out: number[] = [];
  for (let i = 0; i < size; i++) {
    const start = i * scale;
    const end = start + scale;
    let sum = 0;
    for (let s = Math.floor(start); s < Math.ceil(end); s++) {
      sum += values[Math.min(s, values.length - 1)]! * (Math.min(end, s + 1) - Math.max(start, s));
    }
    out.push(sum / scale);
  }
  return out;
}
