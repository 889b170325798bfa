// EXIF orientation: iscc-sdk turns images upright (Pillow `exif_transpose`)
// before hashing, so a photo stored sideways with an Orientation tag gets the
// code of the picture as shown.
import type { RawImage } from './image.js';

/**
 * The EXIF Orientation (1–8) of a JPEG, read from its APP1 `Exif` segment;
 * 1 when there is none or it cannot be read. Never throws.
 */
export function jpegOrientation(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  let at = 2; // after SOI
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    const length = view.getUint16(at + 2);
    if (marker === 0xda || length < 2) break; // image data follows: no more metadata
    if (marker === 0xe1 && at + 10 <= bytes.length && view.getUint32(at + 4) === 0x45786966) {
      return tiffOrientation(view, at + 10, Math.min(at + 2 + length, bytes.length));
    }
    at += 2 + length;
  }
  return 1;
}

function tiffOrientation(view: DataView, tiff: number, end: number): number {
  if (tiff + 8 > end) return 1;
  const little = view.getUint16(tiff) === 0x4949; // "II"
  const u16 = (at: number) => (at + 2 <= end ? view.getUint16(at, little) : 0);
  const u32 = (at: number) => (at + 4 <= end ? view.getUint32(at, little) : 0);
  const ifd = tiff + u32(tiff + 4);
  const entries = u16(ifd);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) break;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** The image turned upright for an EXIF orientation (2–8 flip and/or rotate; 1 and others leave it). */
export function orientImage(image: RawImage, orientation: number): RawImage {
  if (orientation < 2 || orientation > 8) return image;
  const { width: w, height: h, channels, data } = image;
  const swap = orientation >= 5;
  const width = swap ? h : w;
  const height = swap ? w : h;
  const out = new Uint8Array(width * height * channels);
  for (let oy = 0; oy < height; oy++) {
    for (let ox = 0; ox < width; ox++) {
      const [sx, sy] = sourceOf(orientation, ox, oy, w, h);
      const from = (sy * w + sx) * channels;
      for (let c = 0; c < channels; c++) out[(oy * width + ox) * channels + c] = data[from + c]!;
    }
  }
  return { width, height, channels, data: out };
}

/** Source pixel of output pixel (ox, oy), for a w×h source. */
function sourceOf(orientation: number, ox: number, oy: number, w: number, h: number): [number, number] {
  switch (orientation) {
    case 2: // mirrored left-right
      return [w - 1 - ox, oy];
    case 3: // rotated 180°
      return [w - 1 - ox, h - 1 - oy];
    case 4: // mirrored top-bottom
      return [ox, h - 1 - oy];
    case 5: // transposed
      return [oy, ox];
    case 6: // stored turned 90° left: rotate clockwise
      return [oy, h - 1 - ox];
    case 7: // transversed
      return [w - 1 - oy, h - 1 - ox];
    default: // 8, stored turned 90° right: rotate counter-clockwise
      return [w - 1 - oy, ox];
  }
}
