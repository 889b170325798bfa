import { utf8 } from '../bytes.js';
import type { ContainerHandler, ReadContext, XmpPacket } from './types.js';

// SVG: the store is Base64 text in a `manifest` element of the namespace
// http://c2pa.org/manifest, inside <metadata>. The prefix is looked up from
// its xmlns declaration rather than assumed.
const C2PA_NS = 'http://c2pa.org/manifest';

function text(b: Uint8Array, ctx: ReadContext): string {
  return utf8(b, 0, Math.min(b.length, ctx.limits.maxScanBytes));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function base64(value: string): Uint8Array | undefined {
  try {
    const binary = atob(value.replace(/\s+/g, ''));
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

function readManifest(b: Uint8Array, ctx: ReadContext): Uint8Array | undefined {
  const svg = text(b, ctx);
  const decl = new RegExp(`xmlns(?::([\\w.-]+))?\\s*=\\s*["']${escapeRegExp(C2PA_NS)}["']`).exec(svg);
  if (!decl) return undefined;
  const name = decl[1] ? `${decl[1]}:manifest` : 'manifest';
  const open = svg.indexOf(`<${name}`);
  const start = open === -1 ? -1 : svg.indexOf('>', open);
  const end = start === -1 ? -1 : svg.indexOf(`</${name}>`, start);
  if (end === -1) {
    ctx.diagnostics.add(
      'media.corrupt',
      'warning',
      'SVG: C2PA namespace declared but no complete manifest element',
    );
    return undefined;
  }
  const store = base64(svg.slice(start + 1, end));
  if (!store)
    ctx.diagnostics.add('media.corrupt', 'warning', 'SVG: C2PA manifest element is not valid Base64');
  return store;
}

/** The RDF inside <metadata>: either a full x:xmpmeta packet or a bare rdf:RDF. */
function readXmp(b: Uint8Array, ctx: ReadContext): XmpPacket[] {
  const svg = text(b, ctx);
  for (const [open, close] of [
    ['<x:xmpmeta', '</x:xmpmeta>'],
    ['<rdf:RDF', '</rdf:RDF>'],
  ] as const) {
    const start = svg.indexOf(open);
    const end = start === -1 ? -1 : svg.indexOf(close, start);
    if (end !== -1 && end - start <= ctx.limits.maxXmpBytes) {
      return [{ location: 'svg-metadata', text: svg.slice(start, end + close.length) }];
    }
  }
  return [];
}

function sniff(head: Uint8Array): 'svg' | undefined {
  const start = utf8(head, 0, Math.min(head.length, 4096)).trimStart();
  return start.startsWith('<') && /<svg[\s>]/.test(start) ? 'svg' : undefined;
}

/** SVG: Base64 C2PA store in <c2pa:manifest>, XMP in <metadata>. */
export const svgHandler: ContainerHandler = { name: 'svg', sniff, readManifest, readXmp };
