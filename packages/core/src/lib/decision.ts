import type { z } from 'zod';
import { type Category, lineage } from './categories.js';
import { copyWith } from './object.js';
import type { DecidedStatementSchema, DecisionErrorSchema, DecisionSchema } from './schema.js';
import { bindsAgent, type Statement } from './statement.js';

/** Version of the Decision JSON format. Bumped on any incompatible change. */
export const DECISION_FORMAT_VERSION = 1;

/** Something that went wrong while gathering the signals. */
export type DecisionError = z.infer<typeof DecisionErrorSchema>;
/** A statement with the part it played in a decision. */
export type DecidedStatement = z.infer<typeof DecidedStatementSchema>;
/** The answer for one (url, agent, purpose). */
export type Decision = z.infer<typeof DecisionSchema>;
/** Tri-state outcome before the caller default. */
export type Status = Decision['status'];

/** What `decide` needs. */
export interface DecideInput {
  url: string;
  /** The caller's product token. */
  agent: string;
  purpose: Category;
  statements: readonly Statement[];
  errors?: readonly DecisionError[];
  /** What `unknown` becomes. Default `'allow'`: no reservation was found. */
  defaultForUnknown?: 'allow' | 'disallow';
  /** Apply category inheritance (a `tdm` disallow covers `train-ai`, ...). Default true. */
  inheritance?: boolean;
}

/**
 * Combine statements into a decision. Across signals the most restrictive
 * wins: any applicable disallow beats every allow. A `crawl` disallow for the
 * caller disallows every purpose, since what may not be fetched may not be
 * mined either. Statements scoped to other agents, or superseded inside their
 * own signal's cascade, are kept with role `other`.
 */
export function decide(input: DecideInput): Decision {
  const { purpose, agent } = input;
  const covering = input.inheritance === false ? [purpose] : lineage(purpose);
  const bearing = (s: Statement): boolean =>
    !s.supersededBy &&
    bindsAgent(s, agent) &&
    (covering.includes(s.category) || (s.category === 'crawl' && s.value === 'disallow'));
  const relevant = input.statements.filter(bearing);
  const disallows = relevant.filter((s) => s.value === 'disallow');
  const allows = relevant.filter((s) => s.value === 'allow' && !s.conditions?.length);
  const status: Status = disallows.length ? 'disallowed' : allows.length ? 'allowed' : 'unknown';
  const winners = new Set<Statement>(
    status === 'disallowed' ? disallows : status === 'allowed' ? allows : [],
  );
  const losers = new Set<Statement>(status === 'disallowed' ? allows : []);
  const role = (s: Statement) => (winners.has(s) ? 'deciding' : losers.has(s) ? 'overridden' : 'other');
  const rank = { deciding: 0, overridden: 1, other: 2 } as const;
  const statements = input.statements
    .map((s): DecidedStatement => {
      const decided = copyWith(s, { role: role(s) }) as DecidedStatement;
      if (decided.role !== 'other' && s.category !== purpose) decided.via = s.category;
      return decided;
    })
    .sort((a, b) => rank[a.role] - rank[b.role]);
  const fallback = input.defaultForUnknown ?? 'allow';
  return {
    version: DECISION_FORMAT_VERSION,
    url: input.url,
    agent,
    purpose,
    status,
    allowed: status === 'unknown' ? fallback === 'allow' : status === 'allowed',
    ...(status === 'unknown' ? { defaultApplied: fallback } : {}),
    statements,
    errors: [...(input.errors ?? [])],
  };
}
