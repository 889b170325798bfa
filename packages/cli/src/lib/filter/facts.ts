import type { Decision } from '@optout/core';

/** What a run derives from a decision apart from its URL. */
export interface DecisionFacts {
  /** The signal of the first deciding statement, or `default`. */
  signal: string;
  /** `source: code` of each error. */
  errorKeys: string[];
  /** The retrieval time of the origin files behind the decision. */
  retrievedAt?: string;
  /** The decision's JSON around its URL (`head + JSON.stringify(url) + tail`), once asked for. */
  json?: [head: string, tail: string];
  /** Where the summary last counted a URL of this template (see `addDecision`). */
  tally?: OriginTally;
}

/** An origin's counts in one summary, remembered so the next URL of the same origin skips the lookup. */
export interface OriginTally {
  /** The summary's `origins` object the counts belong to (replaced on resume and prune). */
  origins: object;
  /** The origin as written in the URL, up to the first `/` after `//`. */
  origin: string;
  counts: { kept: number; excluded: number };
}

interface Entry {
  decision: Decision;
  facts: DecisionFacts;
}

// The gate shares one frozen statements array among every URL's copy of a
// decision template, so facts are worked out once per template. The other
// fields are compared too: only the URL may differ between two hits.
const byStatements = new WeakMap<readonly unknown[], Entry>();

function sameTemplate(a: Decision, b: Decision): boolean {
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

function compute(decision: Decision): DecisionFacts {
  const first = decision.statements[0];
  const facts: DecisionFacts = {
    signal: first && first.role === 'deciding' ? first.source : 'default',
    errorKeys: decision.errors.map((error) => `${error.source}: ${error.code}`),
  };
  for (const statement of decision.statements) {
    if (statement.evidence.retrievedAt) {
      facts.retrievedAt = statement.evidence.retrievedAt;
      break;
    }
  }
  return facts;
}

/** The facts of a decision, from the cache when its template was seen before. */
export function factsOf(decision: Decision): DecisionFacts {
  const entry = byStatements.get(decision.statements);
  if (entry && sameTemplate(entry.decision, decision)) return entry.facts;
  const facts = compute(decision);
  // Only shared (frozen) arrays are worth remembering; one-off decisions are not.
  if (Object.isFrozen(decision.statements)) byStatements.set(decision.statements, { decision, facts });
  return facts;
}

const URL_HOLE = '"url":""';

/** The decision as one JSON line, equal to `JSON.stringify(decision) + '\n'`, built once per template. */
export function decisionLine(decision: Decision): string {
  const facts = factsOf(decision);
  if (!facts.json) {
    const text = JSON.stringify({ ...decision, url: '' });
    // `version` (a fixed literal) is the only field before `url`, so the first hole is the URL's.
    const at = text.indexOf(URL_HOLE) + URL_HOLE.length - 2;
    facts.json = [text.slice(0, at), text.slice(at + 2) + '\n'];
  }
  return facts.json[0] + JSON.stringify(decision.url) + facts.json[1];
}
