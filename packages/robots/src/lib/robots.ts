// `parseRobots` and the queryable `Robots` object it returns.
import {
  assertArg,
  type DecodedText,
  type Diagnostic,
  decodeText,
  normalizeTarget,
  pathAndQuery,
  type Statement,
} from '@optout/core';
import { type CompiledRobots, compact, type LicenseLine, RobotsCompiler } from './compile.js';
import { type ResolvedOptions, type RobotsOptions, resolveOptions } from './options.js';
import { compileRules, firstMatch, ROBOTS_PATH, type Rule } from './rules.js';
import { type RobotsContext, reasonFor, type Selection } from './selection.js';
import { keyerOf, keyProfile, type StatementKeyer } from './statement-key.js';
import { crawlStatement, inferredStatements, preferenceStatements } from './statements.js';
import { tokenizeRobots } from './tokenize.js';

/** Why a URL is allowed or disallowed for a product token. */
export interface Explanation {
  allowed: boolean;
  /** The deciding rule, when one matched. */
  rule?: { line: number; kind: 'allow' | 'disallow'; pattern: string };
  /** The group the decision came from (the deciding rule's group, else the first selected group). */
  group?: { line: number; agents: string[] };
  reason: string;
}

/** A compiled robots.txt file. */
export interface Robots {
  /** May this product token fetch this URL (absolute, or a path)? */
  isAllowed(url: string | URL, productToken: string): boolean;
  /** `isAllowed` with the deciding rule and group. */
  explain(url: string | URL, productToken: string): Explanation;
  /**
   * The statements this file makes about the URL for the token: first the `crawl`
   * statement, then Content-Usage, Content-Signal and inferred `train-ai` statements.
   */
  statements(url: string | URL, productToken: string): Statement[];
  /**
   * An identity of `statements(url, productToken)` within this file: two URLs
   * with equal keys get equal statements. A number (no allocation) in the
   * common case; a short string when path-bound Content-Usage / Content-Signal
   * lines or inferred statements are in play. Cheaper than `statements`, so a
   * caller can build what it derives from statements once per key.
   */
  statementKey(url: string | URL, productToken: string): number | string;
  /** `statementKey` for one token, as a function of the URL: for a caller that keys many URLs. */
  statementKeyer(productToken: string): StatementKeyer;
  /** Seconds from the `Crawl-delay` of the token's group, if it has one. */
  crawlDelay(productToken: string): number | undefined;
  /**
   * True when the token may fetch no path at all (but /robots.txt): its rules
   * have one that disallows every path, and no Allow rule. A file that shuts
   * the token out with a more roundabout set of rules may still give false.
   */
  disallowsAll(productToken: string): boolean;
  readonly diagnostics: Diagnostic[];
  readonly sitemaps: string[];
  /** RSL `License:` URLs (global, deduplicated, in file order). */
  readonly licenses: string[];
  /**
   * The same licences with the line naming each. No statement is made from them:
   * what a licence permits is known only from its RSL document, which the caller
   * fetches and reads with `@optout/page`'s `parseRsl`.
   */
  readonly licenseLines: ReadonlyArray<LicenseLine>;
  readonly groups: ReadonlyArray<{ line: number; agents: string[] }>;
  /** True when the input was longer than `maxBytes` and was cut. */
  readonly truncated: boolean;
}

const SELECTION_CACHE_SIZE = 256;

class CompiledRobotsFile implements Robots, RobotsContext {
  readonly diagnostics: Diagnostic[];
  readonly sitemaps: string[];
  readonly licenses: string[];
  readonly licenseLines: ReadonlyArray<LicenseLine>;
  readonly truncated: boolean;
  readonly compiled: CompiledRobots;
  private groupList: ReadonlyArray<{ line: number; agents: string[] }> | undefined;
  readonly options: ResolvedOptions;
  private readonly cache = new Map<string, Selection>();
  private global: Selection | undefined;
  private readonly keyers = new Map<string, StatementKeyer>();

  constructor(compiled: CompiledRobots, options: ResolvedOptions, truncated: boolean) {
    this.compiled = compiled;
    this.options = options;
    this.truncated = truncated;
    this.diagnostics = compiled.diagnostics;
    this.sitemaps = compiled.sitemaps;
    this.licenses = compiled.licenses;
    this.licenseLines = compiled.licenseLines;
  }

  // Built on first use: most callers never list the groups.
  get groups(): ReadonlyArray<{ line: number; agents: string[] }> {
    this.groupList ??= this.compiled.groups.map((group) => ({ line: group.line, agents: group.agents }));
    return this.groupList;
  }

  /** The merged groups for a token (RFC 9309 section 2.2.1), cached per token as given. */
  select(productToken: string): Selection {
    const cached = this.cache.get(productToken);
    if (cached) return cached;
    const named = this.compiled.byAgent.get(productToken.toLowerCase());
    // Every token that no group names shares the one selection of the `*` groups.
    if (!named) this.global ??= this.selectionOf(this.compiled.globalGroups, false);
    const selection = named ? this.selectionOf(named, true) : this.global!;
    if (this.cache.size >= SELECTION_CACHE_SIZE) this.cache.clear();
    this.cache.set(productToken, selection);
    return selection;
  }

  private selectionOf(indexes: readonly number[], named: boolean): Selection {
    const groups = indexes.map((index) => this.compiled.groups[index]!);
    return { groups, named, rules: compileRules(groups.flatMap((group) => group.rules)) };
  }

  decidingRule(target: string, selection: Selection): Rule | null | undefined {
    if (target === ROBOTS_PATH) return null;
    return firstMatch(selection.rules, target);
  }

  isAllowed(url: string | URL, productToken: string): boolean {
    const rule = this.decidingRule(normalizeTarget(pathAndQuery(url)), this.select(productToken));
    return !rule || rule.kind === 'allow';
  }

  explain(url: string | URL, productToken: string): Explanation {
    const selection = this.select(productToken);
    const rule = this.decidingRule(normalizeTarget(pathAndQuery(url)), selection);
    const group = rule ? this.compiled.groups[rule.group] : selection.groups[0];
    const result: Explanation = {
      allowed: !rule || rule.kind === 'allow',
      reason: reasonFor(rule, selection),
    };
    if (rule) result.rule = { line: rule.line, kind: rule.kind, pattern: rule.pattern };
    if (group) result.group = { line: group.line, agents: group.agents };
    return result;
  }

  statements(url: string | URL, productToken: string): Statement[] {
    const target = normalizeTarget(pathAndQuery(url));
    const selection = this.select(productToken);
    const rule = this.decidingRule(target, selection);
    const crawl = crawlStatement(this, productToken, selection, rule);
    const out = [crawl];
    if (crawl.value === 'allow') out.push(...preferenceStatements(this, productToken, selection, target));
    out.push(...inferredStatements(this, productToken, target));
    return out;
  }

  statementKey(url: string | URL, productToken: string): number | string {
    return this.statementKeyer(productToken).key(url);
  }

  statementKeyer(productToken: string): StatementKeyer {
    let keyer = this.keyers.get(productToken);
    if (!keyer) {
      keyer = keyerOf(keyProfile(this, productToken));
      if (this.keyers.size >= SELECTION_CACHE_SIZE) this.keyers.clear();
      this.keyers.set(productToken, keyer);
    }
    return keyer;
  }

  crawlDelay(productToken: string): number | undefined {
    for (const group of this.select(productToken).groups)
      if (group.crawlDelay !== undefined) return group.crawlDelay;
    return undefined;
  }

  disallowsAll(productToken: string): boolean {
    const { rules } = this.select(productToken).rules;
    return !rules.some((rule) => rule.kind === 'allow') && rules.some(coversEveryPath);
  }
}

// `/`, `*`, `/*`, `/*$`, ...: a pattern every path (they all start with `/`)
// matches. Not `/$`, which is the root alone.
function coversEveryPath(rule: Rule): boolean {
  const { pieces, anchored } = rule.compiled!;
  const [first, ...rest] = pieces;
  if (anchored && rest.length === 0) return false;
  return (first === '' || first === '/') && rest.every((piece) => piece === '');
}

// Lenient (robots): RFC 9309 robots.txt is UTF-8, but files saved as UTF-16
// with a byte order mark exist; they are read as what they say they are.
function decodeInput(input: string | Uint8Array, maxBytes: number): DecodedText {
  if (typeof input === 'string' || input.length < 2) return decodeText(input, maxBytes);
  const encoding =
    input[0] === 0xff && input[1] === 0xfe
      ? 'utf-16le'
      : input[0] === 0xfe && input[1] === 0xff
        ? 'utf-16be'
        : undefined;
  if (!encoding) return decodeText(input, maxBytes);
  const end = Math.min(input.length, 2 + maxBytes);
  const text = new TextDecoder(encoding, { fatal: false }).decode(input.subarray(2, end));
  return { text, bytes: end - 2, truncated: input.length > end, bom: true };
}

function looksLikeHtml(text: string): boolean {
  let from = 0;
  while (from < text.length && text.charCodeAt(from) <= 32) from++;
  const start = text.slice(from, from + 15).toLowerCase();
  return start.startsWith('<!doctype html') || start.startsWith('<html');
}

/**
 * Parse a robots.txt file (RFC 9309) into a queryable object. Accepts text or
 * UTF-8 bytes (a full or partial BOM is skipped). Never throws on bad input:
 * problems are reported in `diagnostics`. Throws `OPTOUT_ERR_INVALID_ARG` only
 * for programmer errors: an input that is neither text nor bytes, invalid options.
 */
export function parseRobots(input: string | Uint8Array, options?: RobotsOptions): Robots {
  assertArg(
    typeof input === 'string' || input instanceof Uint8Array,
    'parseRobots: input must be a string or a Uint8Array',
  );
  const resolved = resolveOptions(options);
  const decoded = decodeInput(input, resolved.maxBytes);
  const compiler = new RobotsCompiler(resolved);
  if (looksLikeHtml(decoded.text)) {
    compiler.report({
      code: 'robots.html',
      severity: 'error',
      message: 'this is an HTML page, not a robots.txt file (a server answered 200 with a page)',
    });
  }
  if (decoded.truncated) {
    compiler.report({
      code: 'robots.truncated',
      severity: 'warning',
      message: `the file is longer than ${resolved.maxBytes} bytes; the rest was not read (RFC 9309 section 2.5)`,
    });
  }
  tokenizeRobots(decoded.text, compiler, resolved);
  return new CompiledRobotsFile(compact(compiler.result), resolved, decoded.truncated);
}
