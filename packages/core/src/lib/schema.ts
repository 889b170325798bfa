import { z } from 'zod';
import { CATEGORIES } from './categories.js';
import { DECISION_FORMAT_VERSION } from './decision.js';
import { SOURCES } from './statement.js';

// The zod schemas of the public formats. Kept apart from the model (and
// published as `@optout/core/schema`) so that code which only makes
// decisions does not load zod: a third of core's start-up time.

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

/** The JSON Schema (draft 2020-12) of the public Decision format, generated from its zod schema. */
export function decisionJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(DecisionSchema),
    $id: `https://optout.dev/schema/decision-v${DECISION_FORMAT_VERSION}.json`,
    title: `optout Decision, format version ${DECISION_FORMAT_VERSION}`,
  };
}
