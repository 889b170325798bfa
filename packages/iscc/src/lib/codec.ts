// ISCC header and body codec (ISO 24138 / iscc-core codec.py): varnibble
// header fields, RFC 4648 base32 without padding, units and ISCC-CODEs.
import { assertArg } from '@optout/core';

/** ISCC MainTypes. */
export const MainType = {
  META: 0,
  SEMANTIC: 1,
  CONTENT: 2,
  DATA: 3,
  INSTANCE: 4,
  ISCC: 5,
  ID: 6,
  FLAKE: 7,
} as const;
/** One MainType value. */
export type MainType = (typeof MainType)[keyof typeof MainType];

/** SubTypes of Content-Codes (and Semantic-Codes); ISCC-CODEs add SUM, NONE and WIDE. */
export const SubType = {
  NONE: 0,
  TEXT: 0,
  IMAGE: 1,
  AUDIO: 2,
  VIDEO: 3,
  MIXED: 4,
  ISCC_SUM: 5,
  ISCC_NONE: 6,
  ISCC_WIDE: 7,
} as const;

const MAIN_TYPE_NAMES = ['META', 'SEMANTIC', 'CONTENT', 'DATA', 'INSTANCE', 'ISCC', 'ID', 'FLAKE'];
const CONTENT_SUBTYPE_NAMES = ['TEXT', 'IMAGE', 'AUDIO', 'VIDEO', 'MIXED', 'SUM', 'NONE', 'WIDE'];

/** Name of a MainType (`CONTENT`) and, for Semantic/Content/ISCC, its SubType (`IMAGE`). */
export function typeName(mainType: number, subType: number): string {
  const main = MAIN_TYPE_NAMES[mainType] ?? String(mainType);
  const withSub =
    mainType === MainType.SEMANTIC || mainType === MainType.CONTENT || mainType === MainType.ISCC;
  return withSub ? `${main}-${CONTENT_SUBTYPE_NAMES[subType] ?? subType}` : main;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const DECODE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** RFC 4648 base32, upper case, without padding. */
export function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >>> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Decode RFC 4648 base32 (padding optional, case-insensitive); `undefined` if invalid. */
export function decodeBase32(text: string): Uint8Array | undefined {
  const clean = text.replace(/=+$/, '').toUpperCase();
  // Only these remainders of 8 characters map onto whole bytes.
  if ([1, 3, 6].includes(clean.length % 8)) return undefined;
  const out = new Uint8Array(Math.floor((clean.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (let i = 0; i < clean.length; i++) {
    const code = clean.charCodeAt(i);
    const value = code < 128 ? DECODE[code]! : -1;
    if (value < 0) return undefined;
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (buffer >>> bits) & 0xff;
    }
  }
  return out;
}

// Varnibble ranges: [prefix bits, prefix length, payload bits, first value].
const VARNIBBLE = [
  [0b0, 1, 3, 0],
  [0b10, 2, 6, 8],
  [0b110, 3, 9, 72],
  [0b1110, 4, 12, 584],
] as const;

/** Encode the four header fields as varnibbles, padded to whole bytes. */
export function encodeHeader(mainType: number, subType: number, version: number, length: number): Uint8Array {
  let bits = '';
  for (const value of [mainType, subType, version, length]) {
    const range = VARNIBBLE.find(([, , size, first]) => value >= first && value < first + 2 ** size);
    assertArg(range && Number.isInteger(value), `header field out of range: ${value}`);
    const [prefix, prefixLength, size, first] = range;
    bits += prefix.toString(2).padStart(prefixLength, '0') + (value - first).toString(2).padStart(size, '0');
  }
  bits = bits.padEnd(Math.ceil(bits.length / 8) * 8, '0');
  const out = new Uint8Array(bits.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(bits.slice(i * 8, i * 8 + 8), 2);
  return out;
}

/** Decoded header fields and the body that follows them. */
export interface IsccHeader {
  mainType: number;
  subType: number;
  version: number;
  /** The raw length field (see `unitBits`). */
  length: number;
  body: Uint8Array;
}

/** Read the varnibble header of raw ISCC bytes; `undefined` when truncated. */
export function decodeHeader(bytes: Uint8Array): IsccHeader | undefined {
  let pos = 0;
  const bit = (): number => (bytes[pos >> 3]! >> (7 - (pos++ & 7))) & 1;
  const total = bytes.length * 8;
  const fields: number[] = [];
  for (let f = 0; f < 4; f++) {
    let prefixLength = 0;
    while (prefixLength < 4 && pos < total && bit() === 1) prefixLength++;
    const range = VARNIBBLE[prefixLength];
    if (!range || pos + range[2] > total) return undefined;
    let value = 0;
    for (let i = 0; i < range[2]; i++) value = value * 2 + bit();
    fields.push(value + range[3]);
  }
  // A header that ends mid-byte is padded with zero bits to the byte boundary.
  const headerBytes = Math.ceil(pos / 8);
  const [mainType, subType, version, length] = fields as [number, number, number, number];
  return { mainType, subType, version, length, body: bytes.subarray(headerBytes) };
}

// ISCC-CODE length field: bit 2 META, bit 1 SEMANTIC, bit 0 CONTENT.
const OPTIONAL_UNITS = [MainType.META, MainType.SEMANTIC, MainType.CONTENT] as const;

/** The ISCC-CODE length field for its optional (non Data/Instance) unit MainTypes. */
export function encodeUnits(mainTypes: readonly number[]): number {
  let index = 0;
  for (const type of mainTypes) {
    const at = OPTIONAL_UNITS.indexOf(type as (typeof OPTIONAL_UNITS)[number]);
    assertArg(at >= 0, `MainType ${type} cannot be an optional ISCC-CODE unit`);
    index |= 4 >> at;
  }
  return index;
}

/** The optional unit MainTypes an ISCC-CODE length field stands for, in order. */
export function decodeUnits(length: number): number[] {
  return OPTIONAL_UNITS.filter((_, at) => length & (4 >> at));
}

/** Body length in bits that a header announces. */
export function unitBits(header: Pick<IsccHeader, 'mainType' | 'subType' | 'version' | 'length'>): number {
  if (header.mainType === MainType.ISCC) {
    if (header.subType === SubType.ISCC_WIDE) return 256;
    return 64 * (decodeUnits(header.length).length + 2);
  }
  if (header.mainType === MainType.ID && header.version === 1) return 64 + 8 * header.length;
  return (header.length + 1) * 32;
}

/** The length field a unit of `bits` bits carries. */
export function encodeLength(mainType: number, bits: number): number {
  assertArg(bits % 32 === 0 && bits >= 32 && bits <= 256 * 8, `invalid bit length ${bits}`);
  assertArg(mainType !== MainType.ISCC, 'ISCC-CODE length fields come from encodeUnits');
  return bits / 32 - 1;
}

/** Encode one ISCC-UNIT (without the `ISCC:` prefix) from the first `bits/8` bytes of `digest`. */
export function encodeComponent(
  mainType: number,
  subType: number,
  version: number,
  bits: number,
  digest: Uint8Array,
): string {
  assertArg(digest.length * 8 >= bits, `digest of ${digest.length * 8} bits is shorter than ${bits}`);
  const header = encodeHeader(mainType, subType, version, encodeLength(mainType, bits));
  return encodeBase32(concat(header, digest.subarray(0, bits / 8)));
}

/** Concatenate byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Remove the `ISCC:` prefix, dashes and surrounding white space. */
export function isccClean(code: string): string {
  return code
    .trim()
    .replace(/^ISCC:/i, '')
    .replace(/-/g, '');
}

/** A decoded ISCC: its header fields and body (exactly as long as the header says). */
export interface DecodedIscc extends IsccHeader {
  /** Body length in bits. */
  bits: number;
}

/** Decode an ISCC string, or say why it is not one. Never throws. */
export function parseIscc(code: string): { ok: true; value: DecodedIscc } | { ok: false; message: string } {
  if (typeof code !== 'string') return { ok: false, message: 'not a string' };
  const clean = isccClean(code);
  if (!/^[A-Za-z2-7]{10,}$/.test(clean)) return { ok: false, message: `not an ISCC: "${code}"` };
  const bytes = decodeBase32(clean);
  const header = bytes && decodeHeader(bytes);
  if (!header) return { ok: false, message: `undecodable ISCC: "${code}"` };
  const bits = unitBits(header);
  if (header.body.length * 8 < bits) {
    return { ok: false, message: `ISCC body has ${header.body.length * 8} bits, header says ${bits}` };
  }
  return { ok: true, value: { ...header, bits, body: header.body.subarray(0, bits / 8) } };
}

/** Decode an ISCC string; throws `OPTOUT_ERR_INVALID_ARG` if it is not one. */
export function isccDecode(code: string): DecodedIscc {
  const parsed = parseIscc(code);
  assertArg(parsed.ok, parsed.ok ? '' : parsed.message);
  return parsed.value;
}

/** Canonical form `ISCC:<BASE32>` of a code (clean, decode, re-encode). */
export function isccNormalize(code: string): string {
  const { mainType, subType, version, length, body } = isccDecode(code);
  return `ISCC:${encodeBase32(concat(encodeHeader(mainType, subType, version, length), body))}`;
}

/**
 * Split an ISCC-CODE (or a concatenation of units) into its ISCC-UNITs, as
 * strings without the `ISCC:` prefix, like iscc-core `iscc_decompose`.
 */
export function isccDecompose(code: string): string[] {
  const bytes = decodeBase32(isccClean(code));
  assertArg(bytes, `not an ISCC: "${code}"`);
  const units: string[] = [];
  let rest: Uint8Array = bytes;
  while (rest.length > 0) {
    const header = decodeHeader(rest);
    assertArg(header, `undecodable ISCC: "${code}"`);
    const { mainType, subType, version, length, body } = header;
    if (mainType !== MainType.ISCC) {
      const bits = unitBits(header);
      assertArg(body.length * 8 >= bits, `truncated ISCC: "${code}"`);
      units.push(encodeComponent(mainType, subType, version, bits, body));
      rest = body.subarray(bits / 8);
      continue;
    }
    const wide = subType === SubType.ISCC_WIDE;
    const optional = decodeUnits(length);
    assertArg(body.length * 8 >= unitBits(header), `truncated ISCC-CODE: "${code}"`);
    optional.forEach((type, i) => {
      const sub = type === MainType.META ? SubType.NONE : subType;
      units.push(encodeComponent(type, sub, version, 64, body.subarray(i * 8)));
    });
    const tail = wide ? 16 : 8;
    const end = wide ? 32 : (optional.length + 2) * 8;
    units.push(
      encodeComponent(MainType.DATA, SubType.NONE, version, tail * 8, body.subarray(end - 2 * tail)),
    );
    units.push(
      encodeComponent(MainType.INSTANCE, SubType.NONE, version, tail * 8, body.subarray(end - tail)),
    );
    break;
  }
  return units;
}

/** Number of differing bits between two equally long byte arrays (compared up to the shorter). */
export function hammingDistance(a: Uint8Array, b: Uint8Array): number {
  let distance = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) distance += popcount8(a[i]! ^ b[i]!);
  return distance;
}

function popcount8(x: number): number {
  let v = x - ((x >> 1) & 0x55);
  v = (v & 0x33) + ((v >> 2) & 0x33);
  return (v + (v >> 4)) & 0x0f;
}
