// Builders for synthetic C2PA stores and containers, so each rule can be
// tested on a file that differs from a valid one in exactly one way.
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes } from '@optout/core';
import { encode } from 'cborg';

const enc = new TextEncoder();
const TAIL = [0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

/** The parts joined into a new array (concatBytes hands back a lone part as is; tampering edits results). */
export const cat = (...parts: Uint8Array[]): Uint8Array => concatBytes([new Uint8Array(0), ...parts]);

export function u32(n: number, le = false): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, le);
  return b;
}

export function u16(n: number, le = false): Uint8Array {
  const b = new Uint8Array(2);
  new DataView(b.buffer).setUint16(0, n, le);
  return b;
}

export const ascii = (s: string): Uint8Array => enc.encode(s);

/** ISO box: LBox, TBox, payload. */
export function box(type: string, ...payload: Uint8Array[]): Uint8Array {
  const body = cat(...payload);
  return cat(u32(8 + body.length), ascii(type), body);
}

/** A `jumb` superbox of a C2PA kind (`c2pa`, `c2ma`, `c2as`, `cbor`, `json`, ...). */
export function superbox(kind: string, label: string, ...children: Uint8Array[]): Uint8Array {
  const jumd = box(
    'jumd',
    ascii(kind),
    new Uint8Array(TAIL),
    new Uint8Array([0x03]),
    ascii(label),
    new Uint8Array([0]),
  );
  return box('jumb', jumd, ...children);
}

export interface AssertionSpec {
  label: string;
  data: unknown;
  /** Store as a JSON content box instead of CBOR. */
  json?: boolean;
  /** Leave out of the claim. */
  unclaimed?: boolean;
}

export interface ManifestSpec {
  label?: string;
  kind?: string;
  assertions: AssertionSpec[];
  claimVersion?: 1 | 2;
  /** Edit assertion bytes after hashing (changes the last byte of this label's content). */
  tamper?: string;
  /** Hash each assertion's content payload alone, as pre-1.0 (prerelease) stores did. */
  legacyHashes?: boolean;
}

function contentOf(a: AssertionSpec): Uint8Array {
  return a.json ? ascii(JSON.stringify(a.data)) : encode(a.data);
}

function assertionBox(a: AssertionSpec): Uint8Array {
  return superbox(a.json ? 'json' : 'cbor', a.label, box(a.json ? 'json' : 'cbor', contentOf(a)));
}

/** One manifest superbox with a claim whose hashed URIs match its assertions. */
export function manifest(spec: ManifestSpec, index = 0): Uint8Array {
  const boxes = spec.assertions.map(assertionBox);
  const uris = spec.assertions
    .map((a, i) => ({ a, b: boxes[i]! }))
    .filter(({ a }) => !a.unclaimed)
    .map(({ a, b }) => ({
      url: `self#jumbf=c2pa.assertions/${a.label}`,
      hash: sha256(spec.legacyHashes ? contentOf(a) : b.subarray(8)),
    }));
  const v2 = (spec.claimVersion ?? 2) === 2;
  const claim = v2 ? { alg: 'sha256', created_assertions: uris } : { alg: 'sha256', assertions: uris };
  if (spec.tamper) {
    const i = spec.assertions.findIndex((a) => a.label === spec.tamper);
    const b = boxes[i]!;
    b[b.length - 1]! ^= 0x01;
  }
  return superbox(
    spec.kind ?? 'c2ma',
    spec.label ?? `urn:c2pa:00000000-0000-4000-8000-00000000000${index}`,
    superbox('c2as', 'c2pa.assertions', ...boxes),
    superbox('c2cl', v2 ? 'c2pa.claim.v2' : 'c2pa.claim', box('cbor', encode(claim))),
    superbox('c2cs', 'c2pa.signature', box('cbor', encode(null))),
  );
}

/** A manifest store; the last manifest is the active one. */
export function store(...manifests: ManifestSpec[]): Uint8Array {
  return superbox('c2pa', 'c2pa', ...manifests.map((m, i) => manifest(m, i)));
}

/** A training-mining assertion. */
export function tdm(
  label: string,
  entries: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): AssertionSpec {
  return { label, data: { entries, ...extra } };
}

// ---- containers ----

function jpegSegment(marker: number, payload: Uint8Array): Uint8Array {
  return cat(new Uint8Array([0xff, marker]), u16(payload.length + 2), payload);
}

/** JPEG with the store in APP11 segments of at most `chunk` JUMBF bytes, and optional XMP APP1 segments. */
export function jpeg(
  storeBytes?: Uint8Array,
  opts: { chunk?: number; en?: number; app1?: Uint8Array[] } = {},
): Uint8Array {
  const segments: Uint8Array[] = [];
  for (const p of opts.app1 ?? []) segments.push(jpegSegment(0xe1, p));
  if (storeBytes) {
    const header = storeBytes.subarray(0, 8);
    const body = storeBytes.subarray(8);
    const chunk = opts.chunk ?? 60000;
    for (let o = 0, z = 1; o < body.length || z === 1; o += chunk, z++) {
      segments.push(
        jpegSegment(0xeb, cat(ascii('JP'), u16(opts.en ?? 1), u32(z), header, body.subarray(o, o + chunk))),
      );
    }
  }
  return cat(
    new Uint8Array([0xff, 0xd8]),
    ...segments,
    new Uint8Array([0xff, 0xda, 0, 2, 1, 2, 3, 0xff, 0xd9]),
  );
}

/** APP1 payload of a main XMP packet. */
export const xmpApp1 = (xmp: string): Uint8Array => cat(ascii('http://ns.adobe.com/xap/1.0/\0'), ascii(xmp));

/** APP1 payload of one extended-XMP chunk. */
export function xmpExtApp1(guid: string, total: number, offset: number, data: Uint8Array): Uint8Array {
  return cat(ascii('http://ns.adobe.com/xmp/extension/\0'), ascii(guid), u32(total), u32(offset), data);
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  return cat(u32(data.length), ascii(type), data, u32(0));
}

/** PNG with optional caBX store and iTXt XMP. */
export function png(storeBytes?: Uint8Array, xmp?: string): Uint8Array {
  return cat(
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', new Uint8Array(13)),
    ...(xmp
      ? [pngChunk('iTXt', cat(ascii('XML:com.adobe.xmp\0'), new Uint8Array([0, 0, 0, 0]), ascii(xmp)))]
      : []),
    ...(storeBytes ? [pngChunk('caBX', storeBytes)] : []),
    pngChunk('IDAT', new Uint8Array(3)),
    pngChunk('IEND', new Uint8Array(0)),
  );
}

function riffChunk(id: string, data: Uint8Array): Uint8Array {
  return cat(
    ascii(id),
    u32(data.length, true),
    data,
    data.length & 1 ? new Uint8Array(1) : new Uint8Array(0),
  );
}

/** RIFF (WEBP / WAVE) with optional C2PA and XMP chunks. */
export function riff(form: string, storeBytes?: Uint8Array, xmp?: string): Uint8Array {
  const body = cat(
    ascii(form),
    riffChunk(form === 'WEBP' ? 'VP8 ' : 'fmt ', new Uint8Array(5)),
    ...(xmp ? [riffChunk(form === 'WEBP' ? 'XMP ' : '_PMX', ascii(xmp))] : []),
    ...(storeBytes ? [riffChunk('C2PA', storeBytes)] : []),
  );
  return cat(ascii('RIFF'), u32(body.length, true), body);
}

const hexBytes = (h: string) => new Uint8Array(h.match(/../g)!.map((x) => Number.parseInt(x, 16)));

/** ISO BMFF with the C2PA uuid box after ftyp. */
export function bmff(brand: string, storeBytes?: Uint8Array, xmp?: string): Uint8Array {
  const c2pa = storeBytes
    ? [
        box(
          'uuid',
          hexBytes('d8fec3d61b0e483c92975828877ec481'),
          new Uint8Array(4),
          ascii('manifest\0'),
          new Uint8Array(8),
          storeBytes,
        ),
      ]
    : [];
  const x = xmp ? [box('uuid', hexBytes('be7acfcb97a942e89c71999491e3afac'), ascii(xmp))] : [];
  return cat(box('ftyp', ascii(brand), u32(0), ascii('mif1')), ...c2pa, ...x, box('mdat', new Uint8Array(4)));
}

/**
 * HEIF with its XMP as a `mime` item (ISO 23008-12): `meta` → `iinf`/`iloc`,
 * the bytes in `mdat` (construction method 0) or in `meta` → `idat` (method 1).
 */
export function heifXmpItem(brand: string, storeBytes: Uint8Array, xmp: string, inIdat = false): Uint8Array {
  const data = ascii(xmp);
  const infe = (id: number, type: string, rest: string) =>
    box('infe', new Uint8Array([2, 0, 0, 0]), u16(id), u16(0), ascii(type), ascii(rest));
  const iinf = box(
    'iinf',
    new Uint8Array(4),
    u16(2),
    infe(1, 'av01', '\0'),
    infe(2, 'mime', 'XMP\0application/rdf+xml\0'),
  );
  const iloc = (offset: number) =>
    box(
      'iloc',
      new Uint8Array([1, 0, 0, 0, 0x44, 0]),
      u16(1),
      u16(2),
      u16(inIdat ? 1 : 0),
      u16(0),
      u16(1),
      u32(offset),
      u32(data.length),
    );
  const meta = (offset: number) =>
    box('meta', new Uint8Array(4), iinf, iloc(offset), ...(inIdat ? [box('idat', data)] : []));
  const withMdat = bmff(brand, storeBytes);
  const top = withMdat.subarray(0, withMdat.length - 12); // drop bmff()'s 12-byte mdat
  const mdatData = top.length + meta(0).length + 8;
  return cat(top, meta(inIdat ? 0 : mdatData), box('mdat', data));
}

function syncsafe(n: number): Uint8Array {
  return new Uint8Array([(n >> 21) & 0x7f, (n >> 14) & 0x7f, (n >> 7) & 0x7f, n & 0x7f]);
}

/** ID3v2 tag (version 3 or 4) with a GEOB C2PA frame and optional PRIV XMP, then an MPEG frame header. */
export function id3(
  version: 3 | 4,
  storeBytes?: Uint8Array,
  xmp?: string,
  mime = 'application/c2pa',
): Uint8Array {
  const frame = (id: string, body: Uint8Array) =>
    cat(ascii(id), version === 4 ? syncsafe(body.length) : u32(body.length), new Uint8Array(2), body);
  const frames = cat(
    ...(storeBytes
      ? [frame('GEOB', cat(new Uint8Array([0]), ascii(`${mime}\0c2pa\0c2pa manifest store\0`), storeBytes))]
      : []),
    ...(xmp ? [frame('PRIV', cat(ascii('XMP\0'), ascii(xmp)))] : []),
  );
  return cat(
    ascii('ID3'),
    new Uint8Array([version, 0, 0]),
    syncsafe(frames.length),
    frames,
    new Uint8Array([0xff, 0xfb, 0x90, 0]),
  );
}

/** SVG with the store Base64 in <prefix:manifest> and optional XMP in <metadata>. */
export function svg(storeBytes?: Uint8Array, opts: { prefix?: string; xmp?: string } = {}): Uint8Array {
  const prefix = opts.prefix ?? 'c2pa';
  const b64 = storeBytes ? btoa(String.fromCharCode(...storeBytes)) : '';
  const manifestEl = storeBytes
    ? `<${prefix}:manifest>\n${b64.replace(/(.{76})/g, '$1\n')}\n</${prefix}:manifest>`
    : '';
  return ascii(
    `<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:${prefix}="http://c2pa.org/manifest" width="1" height="1">` +
      `<metadata>${manifestEl}${opts.xmp ?? ''}</metadata><rect width="1" height="1"/></svg>`,
  );
}

/** TIFF (II or MM) with IFD0 entries for XMP (700) and C2PA (52545). */
export function tiff(le: boolean, storeBytes?: Uint8Array, xmp?: string): Uint8Array {
  const values: Array<[number, Uint8Array]> = [];
  if (xmp) values.push([700, ascii(xmp)]);
  if (storeBytes) values.push([52545, storeBytes]);
  const ifdSize = 2 + 12 * values.length + 4;
  let dataAt = 8 + ifdSize;
  const entries: Uint8Array[] = [];
  for (const [tag, data] of values) {
    entries.push(cat(u16(tag, le), u16(7, le), u32(data.length, le), u32(dataAt, le)));
    dataAt += data.length;
  }
  return cat(
    ascii(le ? 'II' : 'MM'),
    u16(42, le),
    u32(8, le),
    u16(values.length, le),
    ...entries,
    u32(0, le),
    ...values.map(([, d]) => d),
  );
}

/** An XMP packet with the given rdf:Description body (namespaces declared on it). */
export function xmpPacket(description: string, ns = ''): string {
  return (
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">' +
    `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" ${ns}>` +
    `${description}</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`
  );
}

/** GIF89a (no colour tables) with a C2PA_GIF application extension in sub-blocks and optional raw XMP. */
export function gif(storeBytes?: Uint8Array, xmp?: string): Uint8Array {
  const blocks = (data: Uint8Array) => {
    const out: Uint8Array[] = [];
    for (let o = 0; o < data.length; o += 255) {
      const part = data.subarray(o, o + 255);
      out.push(new Uint8Array([part.length]), part);
    }
    return cat(...out, new Uint8Array([0]));
  };
  const app = (id: string, data: Uint8Array) => cat(new Uint8Array([0x21, 0xff, 11]), ascii(id), data);
  return cat(
    ascii('GIF89a'),
    new Uint8Array([1, 0, 1, 0, 0, 0, 0]),
    // XMP's "magic trailer" (0x01, 0xFF…0x00, 0x00) lets sub-block walkers skip raw text.
    ...(xmp
      ? [
          app(
            'XMP DataXMP',
            cat(ascii(xmp), new Uint8Array([1, ...Array.from({ length: 256 }, (_, i) => 255 - i), 0])),
          ),
        ]
      : []),
    ...(storeBytes ? [app('C2PA_GIF\x01\x00\x00', blocks(storeBytes))] : []),
    new Uint8Array([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2]),
    blocks(new Uint8Array([0x4c, 0x01])),
    new Uint8Array([0x3b]),
  );
}
