import { XMLParser } from 'fast-xml-parser';
import type { DiagnosticList } from '../diagnostics.js';

// Reads the handful of XMP properties we need, resolved by namespace URI (a
// prefix is only a local alias). A property can be an attribute of
// rdf:Description, an element with text, an element with rdf:resource, or an
// rdf:Alt/Bag/Seq whose first (x-default preferred) rdf:li holds the value.

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
type Node = Record<string, unknown>;
type Scope = ReadonlyMap<string, string>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
  trimValues: true,
});

/** A property value found, with its qualified name as written. */
export interface XmpValue {
  value: string;
  /** `prefix:Name` as written in the packet. */
  name: string;
}

/** Wanted properties: key is `<namespace URI><local name>`. */
export type XmpProperties = Map<string, XmpValue>;

function nameOf(node: Node): string | undefined {
  for (const key of Object.keys(node)) if (key !== ':@') return key;
  return undefined;
}

function attrsOf(node: Node): Record<string, string> {
  return (node[':@'] as Record<string, string> | undefined) ?? {};
}

function extendScope(scope: Scope, attrs: Record<string, string>): Scope {
  let next: Map<string, string> | undefined;
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) {
      next ??= new Map(scope);
      next.set(key === 'xmlns' ? '' : key.slice(6), value);
    }
  }
  return next ?? scope;
}

function resolve(qname: string, scope: Scope): string | undefined {
  const colon = qname.indexOf(':');
  const ns = scope.get(colon === -1 ? '' : qname.slice(0, colon));
  return ns === undefined ? undefined : ns + qname.slice(colon + 1);
}

function textOf(children: Node[]): string {
  return children
    .map((c) => c['#text'])
    .filter((t) => t !== undefined)
    .join('')
    .trim();
}

/** Value of a property element: text, rdf:resource, or the preferred rdf:li of a container. */
function elementValue(children: Node[], attrs: Record<string, string>, scope: Scope): string | undefined {
  for (const [key, value] of Object.entries(attrs))
    if (resolve(key, scope) === `${RDF}resource`) return value;
  const text = textOf(children);
  if (text) return text;
  for (const child of children) {
    const name = nameOf(child);
    if (!name || !['Alt', 'Bag', 'Seq'].some((k) => resolve(name, scope) === RDF + k)) continue;
    const items = (child[name] as Node[]).filter(
      (li) => nameOf(li) && resolve(nameOf(li)!, scope) === `${RDF}li`,
    );
    const preferred = items.find((li) => attrsOf(li)['xml:lang'] === 'x-default') ?? items[0];
    if (preferred) return textOf(preferred[nameOf(preferred)!] as Node[]);
  }
  return undefined;
}

function walk(
  nodes: Node[],
  scope: Scope,
  wanted: ReadonlySet<string>,
  found: XmpProperties,
  depth: number,
): void {
  if (depth > 64) return;
  for (const node of nodes) {
    const name = nameOf(node);
    if (!name || name === '#text' || name.startsWith('?')) continue;
    const attrs = attrsOf(node);
    const inner = extendScope(scope, attrs);
    for (const [key, value] of Object.entries(attrs)) {
      const id = resolve(key, inner);
      if (id && wanted.has(id) && !found.has(id)) found.set(id, { value: value.trim(), name: key });
    }
    const children = Array.isArray(node[name]) ? (node[name] as Node[]) : [];
    const id = resolve(name, inner);
    if (id && wanted.has(id) && !found.has(id)) {
      const value = elementValue(children, attrs, inner);
      if (value !== undefined) found.set(id, { value, name });
    } else walk(children, inner, wanted, found, depth + 1);
  }
}

/** Find the `wanted` properties (namespace URI + local name) in one XMP packet. */
export function readXmpProperties(
  text: string,
  wanted: ReadonlySet<string>,
  found: XmpProperties,
  diagnostics: DiagnosticList,
): void {
  // XMP forbids DTDs; refusing them also rules out entity-expansion bombs.
  if (/<!DOCTYPE/i.test(text)) {
    diagnostics.add('xmp.doctype', 'warning', 'XMP packet with a DOCTYPE was not parsed');
    return;
  }
  let doc: Node[];
  try {
    doc = parser.parse(text) as Node[];
  } catch (error) {
    diagnostics.add(
      'xmp.malformed',
      'warning',
      `XMP does not parse: ${error instanceof Error ? error.message : error}`,
    );
    return;
  }
  walk(doc, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), wanted, found, 0);
}
