import {
  assertArg,
  type Category,
  compilePattern,
  type Diagnostic,
  decodeText,
  matchesPattern,
  normalizeTarget,
  type PathPattern,
  pathAndQuery,
  type Statement,
} from '@optout/core';
import type { Reading } from './options.js';
import { parseXml, type XmlElement } from './xml.js';

/** The RSL 1.0 namespace. */
export const RSL_NAMESPACE = 'https://rslstandard.org/rsl';

/** A `<permits>` or `<prohibits>` element. */
export interface RslTerm {
  kind: 'permits' | 'prohibits';
  /** `usage`, `user` or `geo`. */
  type: string;
  tokens: string[];
  raw: string;
  line?: number;
}

/** A `<license>` offer. */
export interface RslLicense {
  terms: RslTerm[];
  payment?: { type: string; amount?: string; currency?: string; terms: string[] };
}

/** A `<content>` entry: the assets it covers and the licences offered for them. */
export interface RslContent {
  url: string;
  /** RSL licence server: a licence token must be obtained there, even when free. */
  server?: string;
  licenses: RslLicense[];
  line?: number;
}

/** The `<content>` that governs a URL (most specific match). */
export interface RslMatch {
  content: RslContent;
  /** Categories the licences do not grant: some licence lists permitted uses and these are not among them. */
  notGranted: Category[];
}

/** A parsed RSL document, and its reading for one target URL. */
export interface RslDocument extends Reading {
  /** False when the document is not RSL 1.0 (wrong root or namespace, malformed XML). */
  valid: boolean;
  /** The document's URL, when given: evidence of its statements names it. */
  url?: string;
  contents: RslContent[];
  /** The `<content>` that governs the target, when a target was given. */
  match?: RslMatch;
}

/** What an RSL document says about one URL (see `rslTerms`). */
export interface RslTerms {
  statements: Statement[];
  match?: RslMatch;
  /** Usage tokens read with a warning (legacy or unknown) on the way. */
  diagnostics: Diagnostic[];
}

// RSL 1.0 usage tokens (SIGNALS §6.2). `train-ai` is the aipref spelling that
// RSL's own guide uses; `ai-train` the spec's.
const USAGE: Record<string, Category[]> = {
  all: ['tdm', 'train-ai', 'ai-input', 'ai-index', 'search'],
  'ai-all': ['train-ai', 'ai-input', 'ai-index'],
  'ai-train': ['train-ai'],
  'train-ai': ['train-ai'],
  'ai-input': ['ai-input'],
  'ai-index': ['ai-index'],
  search: ['search'],
};
// Tokens of older templates (aipref-01 style): read, with a warning.
const LEGACY_USAGE: Record<string, Category[]> = { tdm: ['tdm'], 'ai-use': ['ai-input'] };
const USAGE_CATEGORIES: Category[] = ['train-ai', 'ai-input', 'ai-index', 'search'];

/** Options for `parseRsl`. */
export interface RslOptions {
  /** URL of the RSL document; copied into evidence. */
  url?: string;
  /** The URL whose licence terms are wanted; without it no statements are made. */
  target?: string;
  /** Bytes read at most. Default 1 MiB. */
  maxBytes?: number;
}

/**
 * Parse an RSL 1.0 licence document and read the terms for `target`: the most
 * specific matching `<content>` governs; `prohibits` → disallow; `permits` →
 * allow, with `conditions` (licence server, payment, user, geo) when any apply.
 */
export function parseRsl(xml: string | Uint8Array, options: RslOptions = {}): RslDocument {
  assertArg(typeof xml === 'string' || xml instanceof Uint8Array, 'xml must be a string or Uint8Array');
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  assertArg(Number.isInteger(maxBytes) && maxBytes > 0, 'maxBytes must be a positive integer');
  const doc: RslDocument = { valid: false, contents: [], statements: [], diagnostics: [] };
  if (options.url !== undefined) doc.url = options.url;
  const decoded = decodeText(xml, maxBytes);
  if (decoded.truncated) {
    doc.diagnostics.push(error('rsl.too-large', `Document larger than ${maxBytes} bytes; not read.`));
    return doc;
  }
  const { root, error: xmlError } = parseXml(decoded.text);
  if (!root) {
    doc.diagnostics.push(error('rsl.malformed', `Not well-formed XML: ${xmlError}`));
    return doc;
  }
  if (root.name !== 'rsl' || root.ns !== RSL_NAMESPACE) {
    const found = `${root.ns ? `{${root.ns}}` : ''}${root.name}`;
    doc.diagnostics.push(error('rsl.not-rsl', `Root element is ${found}, not rsl in ${RSL_NAMESPACE}.`));
    return doc;
  }
  doc.valid = true;
  doc.contents = children(root, 'content').flatMap((c) => readContent(c, doc.diagnostics));
  if (!doc.contents.length) doc.diagnostics.push(error('rsl.no-content', 'No usable <content> element.'));
  if (options.target !== undefined) {
    const terms = rslTerms(doc, options.target);
    doc.statements.push(...terms.statements);
    doc.diagnostics.push(...terms.diagnostics);
    if (terms.match) doc.match = terms.match;
  }
  return doc;
}

function error(code: string, message: string, line?: number): Diagnostic {
  return { code, severity: 'error', message, ...(line ? { line } : {}) };
}

function warning(code: string, message: string, line?: number): Diagnostic {
  return { code, severity: 'warning', message, ...(line ? { line } : {}) };
}

function children(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.ns === RSL_NAMESPACE && c.name === name);
}

function readContent(element: XmlElement, diagnostics: Diagnostic[]): RslContent[] {
  const url = element.attributes.url?.trim();
  if (!url) {
    diagnostics.push(
      warning('rsl.content-without-url', '<content> without a url attribute is skipped.', element.line),
    );
    return [];
  }
  const content: RslContent = {
    url,
    licenses: children(element, 'license').map((l) => readLicense(l, diagnostics)),
  };
  const server = element.attributes.server?.trim();
  if (server) content.server = server;
  if (element.line) content.line = element.line;
  if (!content.licenses.length) {
    diagnostics.push(warning('rsl.no-license', `<content url="${url}"> offers no <license>.`, element.line));
  }
  return [content];
}

function readLicense(element: XmlElement, diagnostics: Diagnostic[]): RslLicense {
  const terms = element.children
    .filter((c) => c.ns === RSL_NAMESPACE && (c.name === 'permits' || c.name === 'prohibits'))
    .map((c): RslTerm => {
      const type = c.attributes.type?.trim().toLowerCase() || 'usage';
      const term: RslTerm = {
        kind: c.name as RslTerm['kind'],
        type,
        tokens: c.text.split(/[\s,]+/).filter(Boolean),
        raw: `<${c.name} type="${type}">${c.text}</${c.name}>`,
      };
      if (c.line) term.line = c.line;
      if (!c.attributes.type) {
        diagnostics.push(warning('rsl.term-without-type', `<${c.name}> without type read as usage.`, c.line));
      }
      return term;
    });
  const license: RslLicense = { terms };
  const payment = children(element, 'payment')[0];
  if (payment) {
    const amount = children(payment, 'amount')[0];
    license.payment = {
      type: payment.attributes.type?.trim().toLowerCase() || 'purchase',
      terms: [...children(payment, 'standard'), ...children(payment, 'custom')]
        .map((e) => e.text)
        .filter(Boolean),
    };
    if (amount?.text) license.payment.amount = amount.text;
    if (amount?.attributes.currency) license.payment.currency = amount.attributes.currency;
  }
  return license;
}

interface CompiledContent {
  content: RslContent;
  pattern: PathPattern;
  origin?: string;
}

// `content@url` is a full URL or a server path in robots.txt syntax. A full
// URL binds its origin too; its path is matched like a server path.
function compileContent(content: RslContent): CompiledContent {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(content.url)) {
    const origin = originOf(content.url);
    return { content, pattern: compilePattern(pathAndQuery(content.url)), ...(origin ? { origin } : {}) };
  }
  const path = content.url.startsWith('/') || content.url.startsWith('*') ? content.url : '/' + content.url;
  return { content, pattern: compilePattern(path) };
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

// Compiled once per document: a document read for many URLs compiles its patterns once.
const compiledContents = new WeakMap<RslDocument, CompiledContent[]>();

function compiledOf(doc: RslDocument): CompiledContent[] {
  let compiled = compiledContents.get(doc);
  if (!compiled) {
    compiled = doc.contents.map(compileContent);
    compiledContents.set(doc, compiled);
  }
  return compiled;
}

function governing(doc: RslDocument, target: string): CompiledContent | undefined {
  const path = normalizeTarget(pathAndQuery(target));
  const targetOrigin = originOf(target);
  let best: CompiledContent | undefined;
  for (const compiled of compiledOf(doc)) {
    if (compiled.origin && targetOrigin && compiled.origin !== targetOrigin) continue;
    if (!matchesPattern(compiled.pattern, path)) continue;
    if (!best || compiled.pattern.length > best.pattern.length) best = compiled;
  }
  return best;
}

/**
 * The statements a parsed RSL document makes about `target`, with the
 * `<content>` that governs it: for a document read once and asked about many
 * URLs (the gate does this for robots.txt `License:` documents). `parseRsl`
 * with a `target` gives the same statements.
 */
export function rslTerms(doc: RslDocument, target: string): RslTerms {
  const terms: RslTerms = { statements: [], diagnostics: [] };
  const best = governing(doc, target);
  if (!best) return terms;
  const granted = new Set<Category>();
  let listsPermits = false;
  for (const license of best.content.licenses) {
    const usage = (kind: RslTerm['kind']) =>
      license.terms
        .filter((t) => t.kind === kind && t.type === 'usage')
        .flatMap((t) => t.tokens.map((token) => ({ t, token })));
    const prohibited = new Set<Category>();
    for (const { t, token } of usage('prohibits')) {
      for (const category of categoriesOf(token, t, terms.diagnostics)) {
        prohibited.add(category);
        terms.statements.push(rslStatement(category, 'disallow', token, t, best, doc.url));
      }
    }
    const conditions = conditionsOf(best.content, license);
    for (const { t, token } of usage('permits')) {
      listsPermits = true;
      for (const category of categoriesOf(token, t, terms.diagnostics)) {
        if (prohibited.has(category)) continue; // prohibits always wins within a licence
        granted.add(category);
        terms.statements.push(rslStatement(category, 'allow', token, t, best, doc.url, conditions));
      }
    }
  }
  const notGranted = listsPermits ? USAGE_CATEGORIES.filter((c) => !granted.has(c)) : [];
  terms.match = { content: best.content, notGranted };
  return terms;
}

function categoriesOf(token: string, term: RslTerm, diagnostics: Diagnostic[]): Category[] {
  const lower = token.toLowerCase();
  const known = USAGE[lower];
  if (known) return known;
  const legacy = LEGACY_USAGE[lower];
  if (legacy) {
    diagnostics.push(
      warning(
        'rsl.legacy-token',
        `"${token}" is a pre-1.0 usage token; read as ${legacy.join(', ')}.`,
        term.line,
      ),
    );
    return legacy;
  }
  diagnostics.push(warning('rsl.unknown-token', `Unknown usage token "${token}" ignored.`, term.line));
  return [];
}

function conditionsOf(content: RslContent, license: RslLicense): string[] {
  const out: string[] = [];
  if (content.server) out.push(`license-server:${content.server}`);
  const payment = license.payment;
  if (payment && payment.type !== 'free') {
    out.push(`payment:${payment.type}`);
    if (payment.amount) out.push(`amount:${payment.amount}${payment.currency ? ` ${payment.currency}` : ''}`);
    for (const terms of payment.terms) out.push(`payment-terms:${terms}`);
  }
  for (const term of license.terms) {
    if (term.type === 'usage') continue;
    out.push(`${term.kind === 'permits' ? '' : 'not-'}${term.type}:${term.tokens.join(',')}`);
  }
  return out;
}

function rslStatement(
  category: Category,
  value: 'allow' | 'disallow',
  token: string,
  term: RslTerm,
  best: CompiledContent,
  docUrl: string | undefined,
  conditions: string[] = [],
): Statement {
  const s: Statement = {
    category,
    value,
    source: 'rsl',
    scope: {},
    evidence: { raw: term.raw, pattern: best.content.url },
    label: token,
  };
  if (docUrl) s.evidence.url = docUrl;
  if (term.line) s.evidence.line = term.line;
  if (value === 'allow' && conditions.length) s.conditions = conditions;
  return s;
}
