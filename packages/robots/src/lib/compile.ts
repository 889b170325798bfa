// The compiling handler: turns tokenizer events into groups, rules and
// records (RFC 9309 sections 2.1 and 2.2), with diagnostics for authors.
import { type Diagnostic, type Evidence, findAgent, isTrainingToken } from '@optout/core';
import { agentKeys, isGlobalAgent, isValidToken } from './agent-token.js';
import { type KeyKind, KNOWN_OTHER_KEYS, suggestKey } from './keys.js';
import { contradicts, type PreferenceLine, parseContentSignal, parseContentUsage } from './preferences.js';
import { makeRule, type Rule } from './rules.js';
import type { LineMeta, LineView, RobotsHandler } from './tokenize.js';

/** One group: a run of user-agent lines and the records that follow it. */
export interface Group {
  line: number;
  agents: string[];
  global: boolean;
  rules: Rule[];
  contentUsage: PreferenceLine[];
  contentSignal: PreferenceLine[];
  crawlDelay?: number;
}

/** Everything a robots.txt file says, ready for queries. */
export interface CompiledRobots {
  groups: Group[];
  /** Lower-case agent key to the indexes of the groups naming it. */
  byAgent: Map<string, number[]>;
  globalGroups: number[];
  sitemaps: string[];
  licenses: string[];
  licenseLines: LicenseLine[];
  /** Content-Signal lines outside any group: the site-wide fallback. */
  siteSignals: PreferenceLine[];
  /** Registry tokens of training-class and control tokens named by some group, in file order. */
  trainingTokens: string[];
  diagnostics: Diagnostic[];
}

/**
 * The same lists at their exact sizes. An array grown by `push` keeps spare
 * room (17 slots after the first push), and a crawler caches thousands of
 * compiled files: copies made once compilation is over hold only their items.
 */
export function compact(result: CompiledRobots): CompiledRobots {
  const groups = result.groups.map((group) => ({
    ...group,
    agents: group.agents.slice(),
    rules: group.rules.slice(),
    contentUsage: group.contentUsage.slice(),
    contentSignal: group.contentSignal.slice(),
  }));
  const byAgent = new Map<string, number[]>();
  for (const [key, indexes] of result.byAgent) byAgent.set(key, indexes.slice());
  return {
    groups,
    byAgent,
    globalGroups: result.globalGroups.slice(),
    sitemaps: result.sitemaps.slice(),
    licenses: result.licenses.slice(),
    licenseLines: result.licenseLines.slice(),
    siteSignals: result.siteSignals.slice(),
    trainingTokens: result.trainingTokens.slice(),
    diagnostics: result.diagnostics.slice(),
  };
}

/** An RSL `License:` line: the licence document's URL and the line naming it. */
export interface LicenseLine {
  url: string;
  evidence: Evidence;
}

// The absolute URL a value names: resolved against the file URL when there is
// one, else the value as written; undefined when it names none.
function absoluteUrl(value: string, base: string | undefined): string | undefined {
  try {
    const url = new URL(value, base);
    return base === undefined ? value : url.href;
  } catch {
    return undefined;
  }
}

/** Compiler settings. */
export interface CompileOptions {
  aiLines: 'rule' | 'unknown';
  lenient: boolean;
  url: string | undefined;
}

const MAX_DIAGNOSTICS = 1000;

const META_DIAGNOSTICS: Record<keyof LineMeta, { code: string; message: (meta: LineMeta) => string }> = {
  typo: { code: 'robots.typo', message: (m) => `"${m.typo}" read as a misspelt directive` },
  missingColon: { code: 'robots.missing-colon', message: () => 'key and value are not separated by ":"' },
  tooLong: { code: 'robots.line-too-long', message: () => 'line longer than the cap; the rest was ignored' },
  invalid: { code: 'robots.invalid-line', message: () => 'line is not "key: value"; ignored' },
};

/** The handler that builds a `CompiledRobots`. */
export class RobotsCompiler implements RobotsHandler {
  readonly result: CompiledRobots = {
    groups: [],
    byAgent: new Map(),
    globalGroups: [],
    sitemaps: [],
    licenses: [],
    licenseLines: [],
    siteSignals: [],
    trainingTokens: [],
    diagnostics: [],
  };
  private current: Group | undefined;
  private inAgentRun = false;
  // Content-Usage lines of the current group by normalised path, to spot contradictions.
  private usagePaths = new Map<string, PreferenceLine>();
  // Sitemaps and licences are deduplicated through sets: a list scan per line would be quadratic.
  private readonly seen = { sitemap: new Set<string>(), license: new Set<string>() };
  private readonly options: CompileOptions;

  constructor(options: CompileOptions) {
    this.options = options;
  }

  /** Add a diagnostic, up to a cap, so a hostile file cannot grow the list without bound. */
  report = (diagnostic: Diagnostic): void => {
    const list = this.result.diagnostics;
    if (list.length < MAX_DIAGNOSTICS) list.push(diagnostic);
    else if (list.length === MAX_DIAGNOSTICS) {
      list.push({
        code: 'robots.too-many-diagnostics',
        severity: 'info',
        message: 'further diagnostics omitted',
      });
    }
  };

  onLineMeta(view: LineView, meta: LineMeta): void {
    const line = view.number;
    const raw = view.raw;
    for (const name of Object.keys(meta) as (keyof LineMeta)[]) {
      const { code, message } = META_DIAGNOSTICS[name];
      this.report({ code, severity: 'warning', message: message(meta), line, raw });
    }
  }

  onDirective(kind: KeyKind, view: LineView): void {
    if (kind === 'allow' || kind === 'disallow') {
      this.rule(kind, view);
      return;
    }
    if (kind === 'user-agent') this.userAgent(view);
    else if (kind === 'sitemap') this.sitemap(view.value);
    else this.other(view.number, view.key, view.value, view.raw);
  }

  private userAgent(view: LineView): void {
    const line = view.number;
    const value = view.value;
    if (!this.inAgentRun || !this.current) {
      this.current = { line, agents: [], global: false, rules: [], contentUsage: [], contentSignal: [] };
      this.result.groups.push(this.current);
      this.inAgentRun = true;
      this.usagePaths.clear();
    }
    const group = this.current;
    const index = this.result.groups.length - 1;
    group.agents.push(value);
    if (value === '') {
      this.report({
        code: 'robots.empty-agent',
        severity: 'warning',
        message: 'empty user-agent value',
        line,
        raw: view.raw,
      });
      return;
    }
    if (isGlobalAgent(value)) {
      if (!group.global) this.result.globalGroups.push(index);
      group.global = true;
      return;
    }
    const keys = agentKeys(value);
    if (!isValidToken(value)) {
      this.report({
        code: 'robots.invalid-agent',
        severity: 'info',
        message: `"${value}" is not a valid product token; it matches "${keys.join('" or "')}"`,
        line,
        raw: view.raw,
      });
    }
    for (const key of keys) {
      const list = this.result.byAgent.get(key);
      if (!list) this.result.byAgent.set(key, [index]);
      else if (list[list.length - 1] !== index) list.push(index);
      const known = isTrainingToken(key) ? findAgent(key)!.token : undefined;
      if (known && !this.result.trainingTokens.includes(known)) this.result.trainingTokens.push(known);
    }
  }

  // The group a record belongs to; undefined (with a warning) before the first user-agent line.
  private groupFor(line: number, raw: string, what: string): Group | undefined {
    if (this.current) return this.current;
    this.report({
      code: 'robots.rule-outside-group',
      severity: 'warning',
      message: `${what} before any user-agent line applies to no crawler; ignored`,
      line,
      raw,
    });
    return undefined;
  }

  private rule(kind: Rule['kind'], view: LineView): void {
    const line = view.number;
    const group = this.current ?? this.groupFor(line, view.raw, kind === 'allow' ? 'Allow' : 'Disallow');
    this.inAgentRun = false;
    // An empty pattern matches nothing (RFC 9309 section 2.2.2).
    if (!group || view.valueStart === view.valueEnd) return;
    const first = view.text.charCodeAt(view.valueStart);
    if (first !== 47 && first !== 42) {
      this.report({
        code: 'robots.invalid-pattern',
        severity: 'warning',
        message: 'a path pattern should start with "/" or "*"; this one can never match',
        line,
        raw: view.raw,
      });
    }
    const index = this.result.groups.length - 1;
    group.rules.push(makeRule(view, index, kind));
    // Lenient (robots): `Allow: /dir/index.html` also allows `/dir/`, as in the Google reference.
    if (this.options.lenient && kind === 'allow' && view.text.endsWith('/index.html', view.valueEnd)) {
      group.rules.push(makeRule(view, index, kind, view.value.slice(0, -'index.html'.length) + '$'));
    }
  }

  private sitemap(value: string): void {
    // A sitemap that is no URL is kept as written: the caller sees it unchanged.
    this.collect('sitemap', this.result.sitemaps, absoluteUrl(value, this.options.url) ?? value);
  }

  // A licence is fetched by the caller, so one that names no URL is reported, not listed.
  private license(line: number, value: string, raw: string): void {
    const url = absoluteUrl(value, this.options.url);
    if (url === undefined) {
      const message = `"${value}" is not a URL${this.options.url ? '' : ' (no file URL to resolve it against)'}`;
      this.report({ code: 'robots.license.invalid-url', severity: 'warning', message, line, raw });
    } else if (this.collect('license', this.result.licenses, url)) {
      const evidence: Evidence = { raw, line };
      if (this.options.url !== undefined) evidence.url = this.options.url;
      this.result.licenseLines.push({ url, evidence });
    }
  }

  // Adds a new, non-empty value; says whether it did.
  private collect(kind: 'sitemap' | 'license', into: string[], value: string): boolean {
    if (value === '' || this.seen[kind].has(value)) return false;
    this.seen[kind].add(value);
    into.push(value);
    return true;
  }

  private other(line: number, key: string, value: string, raw: string): void {
    if (key === 'content-usage' || key === 'content-signal') this.aiLine(line, key, value, raw);
    else if (key === 'crawl-delay') this.crawlDelay(line, value, raw);
    else if (key === 'license') this.license(line, value, raw);
    else if (!KNOWN_OTHER_KEYS.has(key)) {
      this.unknown(line, key, raw);
    }
  }

  // An unknown key close to a known one is most likely a typo that changes the meaning.
  private unknown(line: number, key: string, raw: string): void {
    const meant = suggestKey(key);
    this.report(
      meant
        ? {
            code: 'robots.likely-typo',
            severity: 'warning',
            message: `unknown directive "${key}" is ignored; did you mean "${meant}"?`,
            line,
            raw,
          }
        : {
            code: 'robots.unknown-directive',
            severity: 'info',
            message: `unknown directive "${key}"`,
            line,
            raw,
          },
    );
  }

  private aiLine(line: number, key: 'content-usage' | 'content-signal', value: string, raw: string): void {
    // draft-ietf-aipref-attach-05 section 3 makes Content-Usage a rule, so it
    // closes a run of user-agent lines; `aiLines: 'unknown'` reads it as the
    // Google reference does (an unknown line that closes nothing).
    if (this.options.aiLines === 'rule') this.inAgentRun = false;
    const group = this.current;
    if (key === 'content-signal') {
      const parsed = parseContentSignal(value, line, raw, this.report);
      if (group) group.contentSignal.push(parsed);
      else this.result.siteSignals.push(parsed);
      return;
    }
    const parsed = parseContentUsage(value, line, raw, this.report);
    if (!group) {
      this.report({
        code: 'robots.content-usage.outside-group',
        severity: 'warning',
        message: 'Content-Usage before any user-agent line belongs to no group; ignored',
        line,
        raw,
      });
      return;
    }
    const path = parsed.pattern?.normalized ?? '';
    const earlier = this.usagePaths.get(path);
    if (!earlier) this.usagePaths.set(path, parsed);
    else if (contradicts(earlier, parsed)) {
      this.report({
        code: 'robots.content-usage.contradiction',
        severity: 'warning',
        message: 'another Content-Usage line of this group has the same path and the opposite preference',
        line,
        raw,
      });
    }
    group.contentUsage.push(parsed);
  }

  private crawlDelay(line: number, value: string, raw: string): void {
    const seconds = Number(value);
    if (value === '' || !Number.isFinite(seconds) || seconds < 0) {
      this.report({
        code: 'robots.crawl-delay.invalid',
        severity: 'warning',
        message: 'Crawl-delay is not a number of seconds',
        line,
        raw,
      });
      return;
    }
    const group = this.groupFor(line, raw, 'Crawl-delay');
    if (group && group.crawlDelay === undefined) group.crawlDelay = seconds;
  }
}
