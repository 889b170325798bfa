import { decodeText, type Evidence } from '@optout/core';
import type { Element } from '@xmldom/xmldom';
import { type Occurrence, settle } from './properties.js';
import type { TdmDiagnostic, TdmReading } from './types.js';
import { elements, parseXml } from './xml.js';
import { TDMREP_HASH_NS, TDMREP_XMP_NS } from './xmp.js';
import { listEntries, readEntry } from './zip.js';

/** Options for `readEpub` and `readOpf`. */
export interface TdmEpubOptions {
  /** URL (or file name) of the EPUB, copied into the evidence. */
  url?: string;
  /** Uncompressed size of container.xml and of the OPF at most. Default 1 MiB. */
  maxEntryBytes?: number;
  /** Central directory entries read at most. Default 10000. */
  maxEntries?: number;
}

/** Options for `readOpf`: where the OPF sits in its package, for the evidence. */
export interface TdmOpfOptions {
  url?: string;
  /** Path of the OPF inside the EPUB. */
  path?: string;
}

/** What `readEpub` found, with the OPF path it read. */
export interface TdmEpubReading extends TdmReading {
  opfPath?: string;
}

const CONTAINER = 'META-INF/container.xml';
const OPF_TYPE = 'application/oebps-package+xml';
const EPUB2_NAMES: Record<string, Occurrence['property']> = {
  'tdm:reservation': 'reservation',
  'tdm:policy': 'policy',
};
const LOCAL_NAMES: Record<string, Occurrence['property']> = { reservation: 'reservation', policy: 'policy' };

// `prefix="tdm: http://www.w3.org/ns/tdmrep# dc: …"` (EPUB 3 Packages §3.4.2).
function prefixMap(value: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of value.matchAll(/([^\s:]+):\s+(\S+)/g)) map.set(m[1]!, m[2]!);
  return map;
}

function evidenceFor(element: Element, options: TdmOpfOptions): Evidence {
  const evidence: Evidence = { raw: element.toString() };
  if (options.url !== undefined) evidence.url = options.url;
  if (options.path !== undefined) evidence.path = options.path;
  if (element.lineNumber !== undefined) evidence.line = element.lineNumber;
  if (element.columnNumber !== undefined) evidence.column = element.columnNumber;
  return evidence;
}

// The property an EPUB 3 `property="p:reservation"` names, resolving `p` through the package prefixes.
function epub3Property(
  property: string,
  prefixes: Map<string, string>,
  diagnostics: TdmDiagnostic[],
): Occurrence['property'] | undefined {
  const colon = property.indexOf(':');
  const local = LOCAL_NAMES[property.slice(colon + 1)];
  if (colon < 0 || !local) return undefined;
  const prefix = property.slice(0, colon);
  const ns = prefixes.get(prefix);
  if (ns === TDMREP_HASH_NS || ns === TDMREP_XMP_NS) return local;
  if (ns === undefined && prefix === 'tdm') {
    diagnostics.push({
      code: 'tdmrep.epub-undeclared-prefix',
      severity: 'warning',
      message: `property ${JSON.stringify(property)} uses the prefix "tdm" without declaring it on <package prefix="tdm: ${TDMREP_HASH_NS}">; it is read anyway`,
    });
    return local;
  }
  return undefined;
}

/**
 * Read TDMRep from an EPUB package document (OPF): EPUB 2
 * `<meta name="tdm:reservation" content="1"/>` and EPUB 3
 * `<meta property="tdm:reservation">1</meta>` with the `tdm` prefix declared
 * on `<package prefix>` (any prefix bound to the TDMRep namespace works).
 * Never throws on bad input.
 */
export function readOpf(opf: string, options: TdmOpfOptions = {}): TdmReading {
  const parsed = parseXml(opf, 'OPF');
  const diagnostics = parsed.diagnostics;
  const root = parsed.document?.documentElement;
  if (!root) return { diagnostics };
  const prefixes = prefixMap(root.getAttribute('prefix') ?? '');
  const found: Occurrence[] = [];
  for (const element of elements(root)) {
    if (element.localName !== 'meta') continue;
    const name = element.getAttribute('name');
    const property = element.getAttribute('property');
    if (name && EPUB2_NAMES[name]) {
      const value = element.getAttribute('content') ?? '';
      found.push({ property: EPUB2_NAMES[name]!, value, evidence: evidenceFor(element, options) });
    } else if (property) {
      const which = epub3Property(property, prefixes, diagnostics);
      if (!which) continue;
      if (element.getAttribute('refines')) {
        diagnostics.push({
          code: 'tdmrep.epub-refines',
          severity: 'info',
          message: `${property} refines another element, not the publication; it is ignored`,
        });
        continue;
      }
      found.push({
        property: which,
        value: element.textContent ?? '',
        evidence: evidenceFor(element, options),
      });
    }
  }
  const reading = settle('tdmrep.epub', found, 'accept');
  reading.diagnostics.unshift(...diagnostics);
  return reading;
}

function fail(code: string, message: string): TdmEpubReading {
  return { diagnostics: [{ code, severity: 'error', message }] };
}

// The OPF path: the first rootfile of the OPF media type (the default rendition).
function rootfilePath(containerXml: string): string | undefined {
  const root = parseXml(containerXml, CONTAINER).document;
  if (!root) return undefined;
  for (const element of elements(root)) {
    if (element.localName !== 'rootfile') continue;
    const type = element.getAttribute('media-type');
    const path = element.getAttribute('full-path');
    if (path && (!type || type === OPF_TYPE)) return path.replace(/^\/+/, '');
  }
  return undefined;
}

/**
 * Read TDMRep from an `.epub` file: the OPF is found through
 * `META-INF/container.xml` `rootfile@full-path` and read with `readOpf`.
 * Entries are inflated with a size limit, so a zip bomb stops early.
 * Never throws on bad input.
 */
export function readEpub(bytes: Uint8Array, options: TdmEpubOptions = {}): TdmEpubReading {
  const maxBytes = options.maxEntryBytes ?? 1 << 20;
  const entries = listEntries(bytes, options.maxEntries ?? 10_000);
  if (!entries) return fail('tdmrep.epub-not-zip', 'not a ZIP archive (no end of central directory record)');
  const read = (name: string): { text?: string; error?: string } => {
    const entry = entries.find((e) => e.name === name);
    if (!entry) return { error: `${name} is missing` };
    const result = readEntry(bytes, entry, maxBytes);
    return result.ok ? { text: decodeText(result.bytes).text } : { error: `${name}: ${result.reason}` };
  };
  const container = read(CONTAINER);
  if (container.text === undefined) return fail('tdmrep.epub-no-container', container.error!);
  const opfPath = rootfilePath(container.text);
  if (!opfPath) return fail('tdmrep.epub-no-rootfile', `${CONTAINER} names no OPF rootfile`);
  const opf = read(opfPath);
  if (opf.text === undefined) return fail('tdmrep.epub-no-opf', opf.error!);
  const opfOptions: TdmOpfOptions = { path: opfPath };
  if (options.url !== undefined) opfOptions.url = options.url;
  return { ...readOpf(opf.text, opfOptions), opfPath };
}
