import type { Decision } from '@optout/core';
import type { Tally } from './summary.js';

/** What a run derives from a decision apart from its URL. */
export interface DecisionFacts {
  /** The signal of the first deciding statement, or `default`. */
  signal: string;
  /** `source: code` of each error. */
  errorKeys: string[];
  /** The retrieval time of the origin files behind the decision. */
  retrievedAt: string | undefined;
  /** The decision's JSON around its URL (`head + JSON.stringify(url) + tail`), once asked for. */
  json: [head: string, tail: string] | undefined;
  status: Decision['status'];
  allowed: boolean;
  /** Cached for a shared (frozen) template, rather than worked out for one decision. */
  shared: boolean;
  /**
   * The summary tally counting this template's URLs (see `Tally`), how many
   * it has not folded in yet, the origin they are counted under, and the
   * spelling (`spellingOf`) of the URL that origin was read from. Kept on the
   * facts themselves: every object a URL touches costs a cache miss when
   * origins interleave.
   */
  tally: Tally | undefined;
  pending: number;
  origin: string;
  spelling: number;
}

/** Facts cached for a template, with the template fields a hit must match (flat: one object to read). */
type Entry = DecisionFacts & Pick<Decision, 'errors' | 'agent' | 'purpose' | 'version' | 'defaultApplied'>;

// The gate shares one frozen statements array among every URL's copy of a
// decision template, so facts are worked out once per template. The other
// fields are compared too: only the URL may differ between two hits.
const byStatements = new WeakMap<readonly unknown[], Entry>();

function sameTemplate(a: Entry, b: Decision): boolean {
  return (
    a.status === b.status &&
    a.allowed === b.allowed &&
    a.errors === b.errors &&
    a.agent === b.agent &&
    a.purpose === b.purpose &&
    a.version === b.version &&
    a.defaultApplied === b.defaultApplied
  );
}

function compute(decision: Decision, shared: boolean): Entry {
  const first = decision.statements[0];
  let retrievedAt: string | undefined;
  for (const statement of decision.statements) {
    if (statement.evidence.retrievedAt) {
      retrievedAt = statement.evidence.retrievedAt;
      break;
    }
  }
  // Every field set, always in this order: one object shape for all facts.
  return {
    signal: first && first.role === 'deciding' ? first.source : 'default',
    errorKeys: decision.errors.map((error) => `${error.source}: ${error.code}`),
    retrievedAt,
    json: undefined,
    status: decision.status,
    allowed: decision.allowed,
    shared,
    tally: undefined,
    pending: 0,
    origin: '',
    spelling: 0,
    errors: decision.errors,
    agent: decision.agent,
    purpose: decision.purpose,
    version: decision.version,
    defaultApplied: decision.defaultApplied,
  };
}

/** The facts of a decision, from the cache when its template was seen before. */
export function factsOf(decision: Decision): DecisionFacts {
  const entry = byStatements.get(decision.statements);
  if (entry !== undefined && sameTemplate(entry, decision)) return entry;
  // Only shared (frozen) arrays are worth remembering; one-off decisions are not.
  const shared = Object.isFrozen(decision.statements);
  const facts = compute(decision, shared);
  if (shared) byStatements.set(decision.statements, facts);
  return facts;
}

const URL_HOLE = '"url":""';

/** The decision as one JSON line, equal to `JSON.stringify(decision) + '\n'`, built once per template. */
export function decisionLine(decision: Decision, facts = factsOf(decision)): string {
  if (!facts.json) {
    const text = JSON.stringify({ ...decision, url: '' });
    // `version` (a fixed literal) is the only field before `url`, so the first hole is the URL's.
    const at = text.indexOf(URL_HOLE) + URL_HOLE.length - 2;
    facts.json = [text.slice(0, at), text.slice(at + 2) + '\n'];
  }
  return facts.json[0] + JSON.stringify(decision.url) + facts.json[1];
}
