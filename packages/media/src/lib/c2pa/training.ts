import type { Category, Statement } from '@optout/core';
import type { DiagnosticList } from '../diagnostics.js';
import { asRecord, decodeContent } from './decode.js';
import type { AssertionBox, AssertionIntegrity } from './store.js';

// The training-and-data-mining assertion (C2PA 1.x `c2pa.training-mining`,
// CAWG `cawg.training-mining`): entries keyed `<ns>.<use>`, each
// `{ use: allowed | notAllowed | constrained, constraint_info? }`.

/** Matches both labels and the instance suffix of repeated assertions. */
export const TRAINING_MINING_LABEL = /^(?:c2pa|cawg)\.training-mining(?:__\d+)?$/;

/** Entry key suffix (after the namespace dot) to our category. */
const CATEGORY_OF: Record<string, Category> = {
  ai_training: 'train-ai',
  ai_generative_training: 'train-genai',
  ai_inference: 'ai-input',
  data_mining: 'tdm',
};

/** One entry of a training-mining assertion, as read. */
export interface TrainingMiningEntry {
  /** The entry key as written (`cawg.ai_training`). */
  key: string;
  category?: Category;
  use: string;
  constraintInfo?: string;
}

/** One training-mining assertion of the active manifest. */
export interface TrainingMiningAssertion {
  label: string;
  integrity: AssertionIntegrity;
  entries: TrainingMiningEntry[];
}

function entriesOf(data: Record<string, unknown>): Record<string, unknown> {
  const wrapped = asRecord(data.entries);
  if (wrapped) return wrapped;
  // C2PA 1.4 CDDL variant: the entries sit at the top level beside `metadata`.
  const { metadata: _metadata, ...rest } = data;
  return rest;
}

function readEntry(key: string, raw: unknown, diagnostics: DiagnosticList): TrainingMiningEntry | undefined {
  const entry = asRecord(raw);
  if (!entry || typeof entry.use !== 'string') {
    diagnostics.add('c2pa.training-mining-malformed', 'warning', `entry ${key} has no "use" value`);
    return undefined;
  }
  const suffix = key.slice(key.lastIndexOf('.') + 1);
  const info = entry.constraint_info ?? entry.constraints_info; // prose and CDDL disagree; accept both
  const out: TrainingMiningEntry = { key, use: entry.use };
  const category = CATEGORY_OF[suffix];
  if (category) out.category = category;
  if (typeof info === 'string') out.constraintInfo = info;
  return out;
}

/** Decode one assertion's entries; bad content is a diagnostic. */
export function readTrainingMining(
  b: Uint8Array,
  assertion: AssertionBox,
  diagnostics: DiagnosticList,
): TrainingMiningAssertion | undefined {
  const content = assertion.superBox.content[0];
  const decoded = content ? decodeContent(b, content) : { error: 'no content box' };
  const data = asRecord(decoded.value);
  if (!data) {
    diagnostics.add(
      'c2pa.training-mining-malformed',
      'warning',
      `${assertion.label} does not decode: ${decoded.error ?? 'not a map'}`,
    );
    return undefined;
  }
  const entries: TrainingMiningEntry[] = [];
  for (const [key, raw] of Object.entries(entriesOf(data))) {
    const entry = readEntry(key, raw, diagnostics);
    if (entry) entries.push(entry);
  }
  return { label: assertion.label, integrity: assertion.integrity, entries };
}

const VALUE_OF: Record<string, 'allow' | 'disallow'> = {
  allowed: 'allow',
  notAllowed: 'disallow',
  // Without knowing the terms, a constrained use must be handled as not allowed.
  constrained: 'disallow',
};

/** Statements for the entries we can map; missing entries stay unknown (no statement). */
export function trainingMiningStatements(
  assertion: TrainingMiningAssertion,
  diagnostics: DiagnosticList,
  url: string | undefined,
): Statement[] {
  const statements: Statement[] = [];
  for (const entry of assertion.entries) {
    const value = VALUE_OF[entry.use];
    if (!value) {
      diagnostics.add(
        'c2pa.training-mining-value',
        'warning',
        `entry ${entry.key}: unknown use ${JSON.stringify(entry.use)}`,
      );
      continue;
    }
    if (!entry.category) {
      diagnostics.add(
        'c2pa.training-mining-custom',
        'info',
        `entry ${entry.key} is not a standard use; kept, not mapped`,
      );
      continue;
    }
    const raw = JSON.stringify(
      entry.constraintInfo === undefined
        ? { use: entry.use }
        : { use: entry.use, constraint_info: entry.constraintInfo },
    );
    const statement: Statement = {
      category: entry.category,
      value,
      source: 'c2pa',
      scope: {},
      evidence: { raw, path: `${assertion.label}/${entry.key}`, ...(url ? { url } : {}) },
      label: entry.use,
    };
    if (entry.use === 'constrained') {
      statement.note =
        'constrained: read as not allowed until its terms are met' +
        (entry.constraintInfo ? `; constraint_info: ${entry.constraintInfo}` : '');
    }
    if (assertion.integrity === 'hash-mismatch') {
      statement.note = `${statement.note ? statement.note + '; ' : ''}assertion no longer matches its claim hash`;
    }
    statements.push(statement);
  }
  return statements;
}
