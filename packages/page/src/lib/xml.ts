import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** An XML element with its namespace resolved. */
export interface XmlElement {
  /** Namespace URI ('' when none). */
  ns: string;
  /** Local name, without prefix. */
  name: string;
  /** Attributes by name as written (unprefixed attributes have no namespace). */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text content of this element (not of its children). */
  text: string;
  /** 1-based line of the start tag, when it could be found in the source. */
  line?: number;
}

type RawNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/**
 * Parse XML with fast-xml-parser and resolve namespaces (which it leaves as
 * prefixes). Returns the root element, or an error message for malformed XML.
 */
export function parseXml(text: string): { root?: XmlElement; error?: string } {
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { error: `${valid.err.msg} (line ${valid.err.line})` };
  let nodes: RawNode[];
  try {
    nodes = parser.parse(text) as RawNode[];
  } catch (error) {
    // The validator and the parser disagree on a few inputs (an unclosed
    // processing instruction passes one and throws in the other).
    return { error: (error as Error).message };
  }
  const lines = new TagLines(text);
  const roots = nodes.flatMap((node) => toElements(node, {}, lines));
  if (roots.length !== 1) return { error: 'expected exactly one root element' };
  return { root: roots[0]! };
}

function toElements(node: RawNode, scope: Record<string, string>, lines: TagLines): XmlElement[] {
  const tag = Object.keys(node).find((k) => k !== ':@' && k !== '#text');
  if (!tag) return [];
  const attributes = { ...(node[':@'] ?? {}) };
  const inScope = { ...scope };
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'xmlns') inScope[''] = value;
    else if (name.startsWith('xmlns:')) inScope[name.slice(6)] = value;
  }
  const colon = tag.indexOf(':');
  const prefix = colon < 0 ? '' : tag.slice(0, colon);
  const element: XmlElement = {
    ns: inScope[prefix] ?? '',
    name: colon < 0 ? tag : tag.slice(colon + 1),
    attributes,
    children: [],
    text: '',
  };
  const line = lines.next(tag);
  if (line) element.line = line;
  for (const child of (node[tag] as RawNode[] | undefined) ?? []) {
    if ('#text' in child) element.text += String(child['#text']);
    else element.children.push(...toElements(child, inScope, lines));
  }
  return [element];
}

// Finds start tags in document order to give elements a line number; the
// parser itself reports none.
class TagLines {
  private at = 0;
  private line = 1;
  constructor(private readonly text: string) {}

  next(tag: string): number | undefined {
    const found = this.text.indexOf('<' + tag, this.at);
    if (found < 0) return undefined;
    for (let i = this.text.indexOf('\n', this.at); i >= 0 && i < found; i = this.text.indexOf('\n', i + 1)) {
      this.line++;
    }
    this.at = found + 1;
    return this.line;
  }
}
