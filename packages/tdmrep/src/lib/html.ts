import { decodeText, type Evidence } from '@optout/core';
import { type DefaultTreeAdapterTypes, parse } from 'parse5';
import { type Occurrence, settle } from './properties.js';
import type { TdmDiagnostic, TdmReading } from './types.js';

type Element = DefaultTreeAdapterTypes.Element;

/** Options for `readTdmHtml`. */
export interface TdmHtmlOptions {
  /** URL of the page, copied into the evidence. */
  url?: string;
  /** Bytes searched for the head at most. Default 1 MiB. */
  maxBytes?: number;
}

const PROPERTY_OF: Record<string, Occurrence['property']> = {
  'tdm-reservation': 'reservation',
  'tdm-policy': 'policy',
};

// Only the head matters, so the document is cut where the body starts: the
// HTML parser then builds the same head without reading the rest.
function headPart(text: string): string {
  const body = /<body[\s/>]/i.exec(text);
  return body ? text.slice(0, body.index) : text;
}

function isElement(node: DefaultTreeAdapterTypes.ChildNode): node is Element {
  return 'tagName' in node;
}

function findHead(document: DefaultTreeAdapterTypes.Document): Element | undefined {
  const html = document.childNodes.find((n) => isElement(n) && n.tagName === 'html') as Element | undefined;
  return html?.childNodes.find((n) => isElement(n) && n.tagName === 'head') as Element | undefined;
}

function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

function occurrence(element: Element, text: string, url: string | undefined): Occurrence | undefined {
  const name = attribute(element, 'name')?.trim().toLowerCase();
  const property = name === undefined ? undefined : PROPERTY_OF[name];
  if (!property) return undefined;
  const at = element.sourceCodeLocation;
  const evidence: Evidence = { raw: at ? text.slice(at.startOffset, at.endOffset) : `<meta name="${name}">` };
  if (url !== undefined) evidence.url = url;
  if (at) {
    evidence.line = at.startLine;
    evidence.column = at.startCol;
  }
  return { property, value: attribute(element, 'content') ?? '', evidence };
}

/**
 * Read `<meta name="tdm-reservation">` and `<meta name="tdm-policy">` from the
 * head of an HTML document (TDMRep "TDM Metadata in HTML Content"), with line numbers. The name
 * is matched ASCII case-insensitively and the content trimmed; metas in the
 * body are ignored; conflicting metas leave the property unset. Never throws
 * on bad input.
 */
export function readTdmHtml(html: string | Uint8Array, options: TdmHtmlOptions = {}): TdmReading {
  const decoded = decodeText(html, options.maxBytes ?? 1 << 20);
  const text = headPart(decoded.text);
  const head = findHead(parse(text, { sourceCodeLocationInfo: true }));
  const found: Occurrence[] = [];
  for (const node of head?.childNodes ?? []) {
    if (!isElement(node) || node.tagName !== 'meta') continue;
    const at = occurrence(node, text, options.url);
    if (at) found.push(at);
  }
  const reading = settle('tdmrep.html', found, 'accept');
  if (decoded.truncated && text.length === decoded.text.length) {
    const cut: TdmDiagnostic = {
      code: 'tdmrep.truncated',
      severity: 'info',
      message: `no <body> within the first ${decoded.bytes} bytes; the rest was not read`,
    };
    reading.diagnostics.push(cut);
  }
  return reading;
}
