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
for (let i = 0; i < ALPHABET.length; i++) {
  DECODE[ALPHABET.charCodeAt(i)] = i;
  DECODE[ALPHABET.toLowerCase().charCodeAt(i)] = i;
}

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
  let length = text.length;
  while (length > 0 && text.charCodeAt(length - 1) === 61) length--; // '='
  const clean = length === text.length ? text : text.slice(0, length);
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
  const out = new Uint8Array(8);
  let pos = 0;
  const write = (value: number, width: number) => {
    for (let i = width - 1; i >= 0; i--, pos++) if ((value >>> i) & 1) out[pos >> 3]! |= 0x80 >> (pos & 7);
  };
  for (const value of [mainType, subType, version, length]) {
    const range = VARNIBBLE.find(([, , size, first]) => value >= first && value < first + 2 ** size);
    assertArg(range && Number.isInteger(value), `header field out of range: ${value}`);
    const [prefix, prefixLength, size, first] = range;
    write(prefix, prefixLength);
    write(value - first, size);
  }
  return out.slice(0, Math.ceil(pos / 8));
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
  const total = bytes.length * 8;
  const fields = [0, 0, 0, 0];
  let pos = 0;
  for (let f = 0; f < 4; f++) {
    let prefixLength = 0;
    while (prefixLength < 4 && pos < total && (bytes[pos >> 3]! >> (7 - (pos & 7))) & 1) {
      prefixLength++;
      pos++;
    }
    if (prefixLength < 4) pos++; // the terminating 0 bit
    const range = VARNIBBLE[prefixLength];
    if (!range || pos + range[2] > total) return undefined;
    let value = 0;
    for (let i = 0; i < range[2]; i++, pos++) value = value * 2 + ((bytes[pos >> 3]! >> (7 - (pos & 7))) & 1);
    fields[f] = value + range[3];
  }
  // A header that ends mid-byte is padded with zero bits to the byte boundary.
  return {
    mainType: fields[0]!,
    subType: fields[1]!,
    version: fields[2]!,
    length: fields[3]!,
    body: bytes.subarray(Math.ceil(pos / 8)),
  };
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
  if (header.mainType === MainType.ID) return 64 + 8 * header.length;
  return (header.length + 1) * 32;
}

/** The length field a unit of `bits` bits carries (ISCC-IDs: (bits − 64) / 8; others: bits / 32 − 1). */
export function encodeLength(mainType: number, bits: number): number {
  assertArg(mainType !== MainType.ISCC, 'ISCC-CODE length fields come from encodeUnits');
  if (mainType === MainType.ID) {
    assertArg(bits % 8 === 0 && bits >= 64, `invalid ISCC-ID bit length ${bits}`);
    return (bits - 64) / 8;
  }
  assertArg(bits % 32 === 0 && bits >= 32 && bits <= 256 * 8, `invalid bit length ${bits}`);
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
  let clean = code.trim();
  if (/^iscc:/i.test(clean)) clean = clean.slice(5);
  return clean.includes('-') ? clean.replace(/-/g, '') : clean;
}

/** A decoded ISCC: its header fields and body (exactly as long as the header says). */
export interface DecodedIscc extends IsccHeader {
  /** Body length in bits. */
  bits: number;
  /** Header and body bytes, without anything after the body. */
  raw: Uint8Array;
}

/** Decode an ISCC string, or say why it is not one. Never throws. */
export function parseIscc(code: string): { ok: true; value: DecodedIscc } | { ok: false; message: string } {
  if (typeof code !== 'string') return { ok: false, message: 'not a string' };
  const clean = isccClean(code);
  const bytes = clean.length >= 10 && !clean.includes('=') ? decodeBase32(clean) : undefined;
  if (!bytes) return { ok: false, message: `not an ISCC: "${code}"` };
  const header = decodeHeader(bytes);
  if (!header) return { ok: false, message: `undecodable ISCC: "${code}"` };
  const bits = unitBits(header);
  if (header.body.length * 8 < bits) {
    return { ok: false, message: `ISCC body has ${header.body.length * 8} bits, header says ${bits}` };
  }
  const end = bytes.length - header.body.length + bits / 8;
  header.body = header.body.subarray(0, bits / 8);
  return { ok: true, value: Object.assign(header, { bits, raw: bytes.subarray(0, end) }) };
}

/** Decode an ISCC string; throws `OPTOUT_ERR_INVALID_ARG` if it is not one. */
export function isccDecode(code: string): DecodedIscc {
  const parsed = parseIscc(code);
  assertArg(parsed.ok, parsed.ok ? '' : parsed.message);
  return parsed.value;
}

/** Canonical form `ISCC:<BASE32>` of a code (clean, decode, re-encode). */
export function isccNormalize(code: string): string {
  return `ISCC:${encodeBase32(isccDecode(code).raw)}`;
}

/** One ISCC-UNIT inside a code: its header fields and body. */
export interface UnitParts {
  mainType: number;
  subType: number;
  version: number;
  bits: number;
  body: Uint8Array;
}

/**
 * The ISCC-UNITs of raw ISCC bytes (an ISCC-CODE, one unit, or units one after
 * another), like iscc-core `iscc_decompose` but without encoding them; `undefined` if malformed.
 */
export function splitUnits(bytes: Uint8Array): UnitParts[] | undefined {
  const units: UnitParts[] = [];
  let rest = bytes;
  while (rest.length > 0) {
    const header = decodeHeader(rest);
    if (!header || header.body.length * 8 < unitBits(header)) return undefined;
    const { mainType, subType, version, length, body } = header;
    if (mainType !== MainType.ISCC) {
      const bits = unitBits(header);
      units.push({ mainType, subType, version, bits, body: body.subarray(0, bits / 8) });
      rest = body.subarray(bits / 8);
      continue;
    }
    const optional = decodeUnits(length);
    optional.forEach((type, i) => {
      const sub = type === MainType.META ? SubType.NONE : subType;
      units.push({ mainType: type, subType: sub, version, bits: 64, body: body.subarray(i * 8, i * 8 + 8) });
    });
    const tail = subType === SubType.ISCC_WIDE ? 16 : 8;
    const end = subType === SubType.ISCC_WIDE ? 32 : (optional.length + 2) * 8;
    for (const [type, at] of [
      [MainType.DATA, end - 2 * tail],
      [MainType.INSTANCE, end - tail],
    ] as const) {
      units.push({
        mainType: type,
        subType: SubType.NONE,
        version,
        bits: tail * 8,
        body: body.subarray(at, at + tail),
      });
    }
    break;
  }
  return units;
}

/**
 * Split an ISCC-CODE (or a concatenation of units) into its ISCC-UNITs, as
 * strings without the `ISCC:` prefix, like iscc-core `iscc_decompose`.
 */
export function isccDecompose(code: string): string[] {
  const bytes = decodeBase32(isccClean(code));
  const units = bytes && splitUnits(bytes);
  assertArg(units, `not an ISCC: "${code}"`);
  return units.map((u) => encodeComponent(u.mainType, u.subType, u.version, u.bits, u.body));
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
