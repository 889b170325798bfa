import { z } from 'zod';
import { CATEGORIES, type Category, lineage } from './categories.js';
import { bindsAgent, type Statement, StatementSchema } from './statement.js';

/** Version of the Decision JSON format. Bumped on any incompatible change. */
export const DECISION_FORMAT_VERSION = 1;

/** Something that went wrong while gathering the signals (a file unreachable, a document unparsable). */
export const DecisionErrorSchema = z.object({
  source: z.string().describe('The signal or file concerned (robots, tdmrep.file, ...).'),
  code: z.string().describe('Stable error code.'),
  message: z.string(),
  url: z.string().optional(),
});

/** A statement as it stands in a decision: what part it played. */
export const DecidedStatementSchema = StatementSchema.extend({
  role: z
    .enum(['deciding', 'overridden', 'other'])
    .describe(
      'deciding: it settled the status; overridden: it said the opposite and lost; other: it does not bear on this purpose or agent.',
    ),
  via: z
    .enum(CATEGORIES)
    .optional()
    .describe('Set when it bears on the purpose only through category inheritance (or a crawl disallow).'),
});

/** The answer for one (url, agent, purpose), with every statement it was built from. */
export const DecisionSchema = z.object({
  version: z.literal(DECISION_FORMAT_VERSION),
  url: z.string(),
  agent: z.string().describe('The product token the decision is for.'),
  purpose: z.enum(CATEGORIES),
  status: z.enum(['allowed', 'disallowed', 'unknown']),
  allowed: z.boolean().describe('The status after the caller default for unknown.'),
  defaultApplied: z.enum(['allow', 'disallow']).optional().describe('Present when status is unknown.'),
  statements: z
    .array(DecidedStatementSchema)
    .describe('Deciding statements first, then overridden, then others.'),
  errors: z.array(DecisionErrorSchema),
});

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
      const decided: DecidedStatement = { ...s, role: role(s) };
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
