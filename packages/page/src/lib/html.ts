import { type Diagnostic, decodeText, findAgent, type Statement } from '@optout/core';
import { load } from 'cheerio/slim';
import { parseDirectives } from './directives.js';
import { addLink, classifyLink, type PageLinks, resolveHref } from './links.js';
import { type PageOptions, resolveOptions } from './options.js';
import { directivesToStatements, type RobotsReading } from './robots-signals.js';
import { parseRsl } from './rsl.js';
import { isImageType, type ResponseInfo } from './x-robots-tag.js';

/** What an HTML head says: robots meta statements, links, inline RSL. */
export interface HtmlReading extends RobotsReading {
  links: PageLinks;
}

/**
 * The head of an HTML document: everything before `</head>` or `<body`,
 * whichever comes first. Signals live only there, and cutting early keeps
 * large documents cheap (and a `<meta>` in the body out).
 */
export function htmlHead(text: string): { head: string; complete: boolean } {
  const end = text.search(/<\/head\s*>|<body[\s>/]/i);
  return end < 0 ? { head: text, complete: false } : { head: text.slice(0, end), complete: true };
}

// A meta name that addresses one crawler (`<meta name="googlebot">`): a known
// agent, or a name that says it is a bot.
function isCrawlerName(name: string): boolean {
  return findAgent(name) !== undefined || /bot|spider|crawler|slurp/i.test(name);
}

class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** 1-based line and column of a string index. */
  at(index: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: index - this.starts[lo]! + 1 };
  }
}

/**
 * Read the head of an HTML document with cheerio: `<meta name="robots">` and
 * crawler-named metas (`noai`, `noimageai`, `noarchive`, ...), `<link>` to RSL
 * licences and C2PA manifests, and inline `<script type="application/rsl+xml">`
 * documents (read for the page URL).
 */
export function readHtml(
  html: string | Uint8Array,
  response: ResponseInfo = {},
  options?: PageOptions,
): HtmlReading {
  const resolved = resolveOptions(options);
  const out: HtmlReading = {
    statements: [],
    imageStatements: [],
    diagnostics: [],
    links: { rsl: [], c2pa: [] },
  };
  const decoded = decodeText(html, resolved.maxHtmlBytes);
  const { head, complete } = htmlHead(decoded.text);
  if (!complete && decoded.truncated) {
    out.diagnostics.push({
      code: 'page.html-truncated',
      severity: 'warning',
      message: `No end of the head within ${resolved.maxHtmlBytes} bytes; the rest was not read.`,
    });
  }
  const $ = load(head, { xml: { xmlMode: false, withStartIndices: true, withEndIndices: true } }, false);
  const lines = new LineIndex(head);
  const where = (el: { startIndex: number | null; endIndex: number | null }) => {
    const start = el.startIndex ?? 0;
    const raw = head.slice(start, (el.endIndex ?? start) + 1);
    return { raw, ...lines.at(start), ...(response.url ? { url: response.url } : {}) };
  };
  $('meta[name]').each((_, el) => {
    const name = (el.attribs.name ?? '').trim();
    const content = el.attribs.content ?? '';
    const isRobots = name.toLowerCase() === 'robots';
    if (!isRobots && !isCrawlerName(name)) return;
    const reading = directivesToStatements(parseDirectives(content, isRobots ? undefined : name), {
      source: 'meta-robots',
      evidence: where(el),
      isImage: isImageType(response.contentType),
      options: resolved,
    });
    merge(out, reading);
  });
  $('link[href]').each((_, el) => {
    const kind = classifyLink(el.attribs.rel ?? '', el.attribs.type);
    if (kind) addLink(out.links, kind, resolveHref(el.attribs.href!.trim(), response.url));
  });
  $('script').each((_, el) => {
    if ((el.attribs.type ?? '').trim().toLowerCase() !== 'application/rsl+xml') return;
    const { line } = lines.at(el.startIndex ?? 0);
    const rsl = parseRsl($(el).text(), {
      ...(response.url ? { url: response.url, target: response.url } : {}),
    });
    out.statements.push(...rsl.statements.map((s) => inlineEvidence(s, line)));
    out.diagnostics.push(...rsl.diagnostics.map((d) => inlineDiagnostic(d, line)));
  });
  return out;
}

function merge(out: RobotsReading, reading: RobotsReading): void {
  out.statements.push(...reading.statements);
  out.imageStatements.push(...reading.imageStatements);
  out.diagnostics.push(...reading.diagnostics);
}

// Lines inside an inline RSL script count from the <script> tag's line.
function inlineEvidence(s: Statement, scriptLine: number): Statement {
  return { ...s, evidence: { ...s.evidence, line: scriptLine + (s.evidence.line ?? 1) - 1 } };
}

function inlineDiagnostic(d: Diagnostic, scriptLine: number): Diagnostic {
  return { ...d, line: scriptLine + (d.line ?? 1) - 1 };
}
