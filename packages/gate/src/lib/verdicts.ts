import { type Decision, decide, type Statement } from '@optout/core';
import type { OriginPolicy } from './policy.js';

/** What a decision is for, besides the URL. */
export interface VerdictRules {
  token: string;
  purpose: Decision['purpose'];
  defaultForUnknown: 'allow' | 'disallow';
  inheritance: boolean;
}

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
    // An inferred statement's note names every token whose rule matched the URL.
    if (s.inferred) key += s.note;
  }
  return key;
}

/** Add when and what was retrieved (time, SHA-256) to the evidence of statements from origin files. */
function withRetrieval(policy: OriginPolicy, statement: Statement): Statement {
  const url = statement.evidence.url;
  if (!url || statement.evidence.sha256) return statement;
  const retrieval = policy.record.retrievals.find((r) => r.url === url);
  if (!retrieval?.sha256) return statement;
  return {
    ...statement,
    evidence: { ...statement.evidence, retrievedAt: retrieval.retrievedAt, sha256: retrieval.sha256 },
  };
}

/**
 * Compiled per-origin verdicts: decisions are built once per distinct
 * statement list and shared (frozen) by every URL that produces the same list;
 * a check then costs the parsers' matching plus one map lookup.
 */
export class Verdicts {
  private readonly byKey = new Map<string, Decision>();

  constructor(
    private readonly policy: OriginPolicy,
    private readonly rules: VerdictRules,
  ) {}

  /** The decision for `url` given the statements the origin's files make about it. */
  decision(url: string, statements: readonly Statement[]): Decision {
    const key = fingerprint(statements);
    let template = this.byKey.get(key);
    if (!template) {
      template = this.build(statements);
      if (this.byKey.size >= MAX_VERDICTS) this.byKey.clear();
      this.byKey.set(key, template);
    }
    return { ...template, url };
  }

  private build(statements: readonly Statement[]): Decision {
    const decision = decide({
      url: '',
      agent: this.rules.token,
      purpose: this.rules.purpose,
      statements: statements.map((s) => withRetrieval(this.policy, s)),
      errors: this.policy.errors,
      defaultForUnknown: this.rules.defaultForUnknown,
      inheritance: this.rules.inheritance,
    });
    Object.freeze(decision.statements);
    Object.freeze(decision.errors);
    return decision;
  }
}
