import type { z } from 'zod';
import type { EvidenceSchema, ScopeSchema, StatementSchema } from './schema.js';

/** Names of the signals a statement can come from. */
export const SOURCES = [
  'robots',
  'robots.inferred',
  'robots.content-usage',
  'robots.content-signal',
  'robots.license',
  'rsl',
  'aitxt',
  'tdmrep.file',
  'tdmrep.header',
  'tdmrep.html',
  'tdmrep.epub',
  'tdmrep.pdf',
  'tdmrep.xmp',
  'x-robots-tag',
  'meta-robots',
  'content-usage',
  'content-signal',
  'c2pa',
  'iptc',
  'iscc-registry',
] as const;

/** Name of a signal. */
export type Source = (typeof SOURCES)[number];
/** Where a statement was found. */
export type Evidence = z.infer<typeof EvidenceSchema>;
/** Whom a statement binds. */
export type Scope = z.infer<typeof ScopeSchema>;
/** One signal's answer for one usage category. */
export type Statement = z.infer<typeof StatementSchema>;

/** True if the statement binds the agent with this product token. */
export function bindsAgent(statement: Statement, token: string): boolean {
  const agents = statement.scope.agents;
  if (!agents) return true;
  const wanted = token.toLowerCase();
  return agents.some((agent) => agent.toLowerCase() === wanted);
}
