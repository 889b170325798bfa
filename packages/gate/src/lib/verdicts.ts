import { type Decision, decide, NEEDS_NORMALIZING, type Statement } from '@optout/core';
import type { StatementKeyer } from '@optout/robots';
import { type OriginPolicy, originStatements, stampedBy } from './policy.js';
import { SharedMatchers } from './shared-matchers.js';

/** What a decision is for, besides the URL. */
export interface VerdictRules {
  token: string;
  purpose: Decision['purpose'];
  defaultForUnknown: 'allow' | 'disallow';
  inheritance: boolean;
}

/**
 * How a policy's decisions vary with the URL:
 * - `constant`: no file has path rules (robots.txt absent or unreachable, no ai.txt, no tdmrep.json).
 * - `keyed`: robots.txt and tdmrep.json only, so robots.txt's statement key
 *   and the deciding tdmrep.json rule identify the statements.
 * - `general`: an ai.txt file or RSL documents; the statements themselves are the key.
 */
type Shape = 'constant' | 'keyed' | 'general';

function shapeOf(policy: OriginPolicy): Shape {
  if (policy.aitxt || policy.rsl.length > 0) return 'general';
  return policy.robots || policy.tdmrep ? 'keyed' : 'constant';
}

// tdmrep.json values (and "no rule") a numeric key can tell apart; more take a string key.
const TDM_VALUES = 7;

// Distinct decisions kept per origin. An origin has one per combination of
// matching rules, which is few; the cap only guards against pathological files.
const MAX_VERDICTS = 4096;

/**
 * Identity of a statement list within one policy: which rule of which signal
 * said what. Two URLs whose statements have the same key get the same
 * decision, whatever their paths.
 */
function fingerprint(statements: readonly Statement[]): string {
  let key = '';
  for (const s of statements) {
    key +=
      s.source + ' ' + s.category + ' ' + s.value + ' ' + (s.evidence.line ?? s.evidence.pointer ?? '') + ';';
    // Without a line, the note says why (no rule matched, or /robots.txt); an
    // inferred statement's note names every token whose rule matched the URL.
    if (s.inferred || s.evidence.line === undefined) key += s.note ?? '';
  }
  return key;
}

/**
 * A template's copy for one URL. Spelt out (same keys, same order as
 * `decide` writes them) because a literal of fixed shape is cheaper to make
 * than a spread, and this runs once per check.
 */
function copyFor(t: Decision, url: string): Decision {
  if (t.defaultApplied === undefined) {
    return {
      version: t.version,
      url,
      agent: t.agent,
      purpose: t.purpose,
      status: t.status,
      allowed: t.allowed,
      statements: t.statements,
      errors: t.errors,
    };
  }
  return {
    version: t.version,
    url,
    agent: t.agent,
    purpose: t.purpose,
    status: t.status,
    allowed: t.allowed,
    defaultApplied: t.defaultApplied,
    statements: t.statements,
    errors: t.errors,
  };
}

/**
 * Compiled per-origin verdicts: decisions are built once per distinct
 * statement list and shared (frozen) by every URL that produces the same list.
 * A check then costs the cheapest lookup that identifies its list: nothing
 * when the policy has no path rules, robots.txt's deciding rule when only
 * those vary, the full statements otherwise.
 */
export class Verdicts {
  private readonly byKey = new Map<string, Decision>();
  /** Decisions by numeric key + 2 (robots.txt's keys run from -2): an array read, not a hash lookup. */
  private readonly byIndex: (Decision | undefined)[] = [];
  private size = 0;
  // The last key and its template: an origin's URLs mostly share a few, and
  // comparing the key costs less than reading a table (two objects) for it.
  private lastKey: string | number = Number.NaN;
  private lastTemplate: Decision | undefined;
  private readonly shape: Shape;
  // The policy's matchers, or those of byte-identical files at other origins
  // (see SharedMatchers), kept here: a check then reads this object, not the policy too.
  private readonly robotsKey: StatementKeyer | undefined;
  private readonly tdmrep: OriginPolicy['tdmrep'];
  private readonly tdmValues = new Map<object, number>();

  /** `matchers`: those this origin may share with others; by default, its own. */
  constructor(
    readonly policy: OriginPolicy,
    private readonly rules: VerdictRules,
    matchers = new SharedMatchers(rules.token),
  ) {
    this.shape = shapeOf(policy);
    this.robotsKey = matchers.robotsKeyer(policy);
    this.tdmrep = matchers.tdmrep(policy);
  }

  /**
   * The decision for `url` at this origin. `path` is `url` from the end of
   * its `scheme://authority` on: matching it alone spares the parser a second
   * split of the URL. `mask` is `cleanTargetMask(path)` if the caller has it.
   */
  decision(url: string, path: string, mask = NEEDS_NORMALIZING): Decision {
    let statements: Statement[] | undefined;
    let key: string | number;
    if (this.shape === 'constant') key = 0;
    else if (this.shape === 'keyed') key = this.key(url, path, mask);
    else {
      statements = originStatements(this.policy, url, this.rules.token);
      key = fingerprint(statements);
    }
    if (key === this.lastKey) return copyFor(this.lastTemplate!, url);
    let template = typeof key === 'number' ? this.byIndex[key + 2] : this.byKey.get(key);
    if (!template) {
      template = this.build(statements ?? originStatements(this.policy, url, this.rules.token));
      this.remember(key, template);
    }
    this.lastKey = key;
    this.lastTemplate = template;
    return copyFor(template, url);
  }

  private remember(key: string | number, template: Decision): void {
    if (this.size >= MAX_VERDICTS) {
      this.byKey.clear();
      this.byIndex.length = 0;
      this.size = 0;
    }
    if (typeof key === 'number') this.byIndex[key + 2] = template;
    else this.byKey.set(key, template);
    this.size++;
  }

  private key(url: string, path: string, mask: number): string | number {
    const { robotsKey, tdmrep } = this;
    // The matchers take the path alone (no URL to split again), but a path
    // starting with `//` would read as an authority: such URLs go whole.
    const whole = path.charCodeAt(0) !== 47 || path.charCodeAt(1) === 47;
    let key: string | number = 0;
    if (robotsKey) key = whole ? robotsKey.key(url) : robotsKey.key(path, mask);
    if (!tdmrep) return key;
    // The cascade's statements depend only on the deciding rule's value.
    const value = tdmrep.lookup(whole ? url : path);
    let index = value ? this.tdmValues.get(value) : -1;
    if (index === undefined) {
      index = this.tdmValues.size;
      this.tdmValues.set(value!, index);
    }
    // Both small numbers (the usual case): one number, so an array read finds
    // the decision; `byIndex` then holds only such keys, as `tdmrep` is fixed.
    if (typeof key === 'number' && index < TDM_VALUES) return (key + 2) * (TDM_VALUES + 1) + index - 1;
    return `${key}#${index}`;
  }

  private build(statements: readonly Statement[]): Decision {
    const decision = decide({
      url: '',
      agent: this.rules.token,
      purpose: this.rules.purpose,
      statements: statements.map((s) => stampedBy(this.policy, s)),
      errors: this.policy.errors,
      defaultForUnknown: this.rules.defaultForUnknown,
      inheritance: this.rules.inheritance,
    });
    Object.freeze(decision.statements);
    Object.freeze(decision.errors);
    return decision;
  }
}
