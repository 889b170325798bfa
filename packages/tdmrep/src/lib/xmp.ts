import type { Evidence } from '@optout/core';
import type { Element } from '@xmldom/xmldom';
import { type Occurrence, settle } from './properties.js';
import type { TdmDiagnostic, TdmReading, TdmSource } from './types.js';
import { elements, parseXml } from './xml.js';

/** The namespace the PDF technique names (slash). */
export const TDMREP_XMP_NS = 'http://www.w3.org/ns/tdmrep/';
/** The namespace EPUB 3 and the policy context use (hash), also met in XMP. */
export const TDMREP_HASH_NS = 'http://www.w3.org/ns/tdmrep#';

const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const NAMESPACES = new Set([TDMREP_XMP_NS, TDMREP_HASH_NS]);
const PROPERTIES: Record<string, Occurrence['property']> = { reservation: 'reservation', policy: 'policy' };

/** Options for `readXmpTdm`. */
export interface TdmXmpOptions {
  /** URL (or file name) of the carrying document, copied into the evidence. */
  url?: string;
}

function evidenceFor(raw: string, path: string, node: Element, url: string | undefined): Evidence {
  const evidence: Evidence = { raw, path };
  if (url !== undefined) evidence.url = url;
  if (node.lineNumber !== undefined) evidence.line = node.lineNumber;
  if (node.columnNumber !== undefined) evidence.column = node.columnNumber;
  return evidence;
}

// `tdm:*` properties of one element: as child elements (text or
// rdf:resource) and as attributes of an rdf:Description, by namespace URI.
function occurrencesIn(element: Element, url: string | undefined, namespaces: Set<string>): Occurrence[] {
  const out: Occurrence[] = [];
  const ns = element.namespaceURI ?? '';
  const property = NAMESPACES.has(ns) ? PROPERTIES[element.localName ?? ''] : undefined;
  if (property) {
    namespaces.add(ns);
    const value = element.getAttributeNS(RDF_NS, 'resource') || (element.textContent ?? '');
    const path = `{${ns}}${element.localName}`;
    out.push({ property, value, evidence: evidenceFor(element.toString(), path, element, url) });
  }
  const attributes = element.attributes;
  for (let i = 0; i < attributes.length; i++) {
    const attribute = attributes[i]!;
    const attributeNs = attribute.namespaceURI ?? '';
    const named = NAMESPACES.has(attributeNs) ? PROPERTIES[attribute.localName ?? ''] : undefined;
    if (!named) continue;
    namespaces.add(attributeNs);
    const raw = `${attribute.name}="${attribute.value}"`;
    const path = `{${attributeNs}}${attribute.localName}`;
    out.push({ property: named, value: attribute.value, evidence: evidenceFor(raw, path, element, url) });
  }
  return out;
}

/** Read the TDMRep properties of one XMP packet as the given source. */
export function readXmpPacket(xmp: string, source: TdmSource, url: string | undefined): TdmReading {
  const parsed = parseXml(xmp, 'XMP packet');
  if (!parsed.document) return { diagnostics: parsed.diagnostics };
  const found: Occurrence[] = [];
  const namespaces = new Set<string>();
  for (const element of elements(parsed.document)) found.push(...occurrencesIn(element, url, namespaces));
  const reading = settle(source, found, 'accept');
  const notes: TdmDiagnostic[] = [];
  if (source === 'tdmrep.pdf' && namespaces.has(TDMREP_HASH_NS)) {
    notes.push({
      code: 'tdmrep.xmp-hash-namespace',
      severity: 'info',
      message: `TDMRep properties use ${TDMREP_HASH_NS}; the PDF technique names ${TDMREP_XMP_NS}. Both are read.`,
    });
  }
  reading.diagnostics.unshift(...parsed.diagnostics, ...notes);
  return reading;
}

/**
 * Read TDMRep `tdm:reservation` / `tdm:policy` from an XMP packet, in the
 * namespace `http://www.w3.org/ns/tdmrep/` or `…/tdmrep#`, as elements
 * (text or `rdf:resource`) or as attributes, resolved by namespace URI and
 * never by prefix. Never throws on bad input.
 */
export function readXmpTdm(xmp: string, options: TdmXmpOptions = {}): TdmReading {
  return readXmpPacket(xmp, 'tdmrep.xmp', options.url);
}
