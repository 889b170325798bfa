import { z } from 'zod';
import { CATEGORIES } from './categories.js';

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

/** Exactly where a statement was found. Only the fields that apply are set. */
export const EvidenceSchema = z.object({
  raw: z
    .string()
    .describe('The text the statement was read from, unchanged (a line, a header value, a rule).'),
  url: z.string().optional().describe('URL (or file path) of the document or response that carried it.'),
  line: z.number().int().positive().optional().describe('1-based line.'),
  column: z.number().int().positive().optional().describe('1-based column.'),
  header: z.string().optional().describe('Header field name, lower-case.'),
  pointer: z.string().optional().describe('JSON Pointer into a JSON document.'),
  path: z.string().optional().describe('Path inside embedded metadata (XMP property, C2PA assertion label).'),
  pattern: z.string().optional().describe('The path pattern that matched the URL.'),
  retrievedAt: z.string().optional().describe('When the carrying document was retrieved (ISO 8601).'),
  sha256: z.string().optional().describe('SHA-256 of the carrying document, hex.'),
});

/** Whom a statement binds. */
export const ScopeSchema = z.object({
  agents: z
    .array(z.string())
    .optional()
    .describe('Product tokens bound, compared case-insensitively. Absent: everyone.'),
});

/** One signal's answer for one usage category. */
export const StatementSchema = z.object({
  category: z.enum(CATEGORIES),
  value: z.enum(['allow', 'disallow']),
  source: z.enum(SOURCES),
  scope: ScopeSchema,
  evidence: EvidenceSchema,
  label: z.string().optional().describe("The signal's own label (ai-train, DMI-PROHIBITED, noai, ...)."),
  inferred: z.boolean().optional().describe('Inferred rather than stated (robots.txt AI tokens).'),
  conditions: z.array(z.string()).optional().describe('Conditions on an allow (licence server, payment).'),
  note: z.string().optional().describe('Why the statement reads as it does.'),
  supersededBy: z
    .string()
    .optional()
    .describe("Set when a later source in the signal's own cascade replaced it (TDMRep); it never decides."),
});

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
