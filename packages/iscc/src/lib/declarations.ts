// Opt-out declarations bound to ISCCs, one JSON object per line (JSONL).
// The declaration is either the TDM·AI usage form (`all`, `train-ai`,
// `train-genai`, `ai-use`, `search` → "true"/"false") or the TDMRep form
// (`tdm-reservation` 0/1, `tdm-policy`), nested under `declaration` or flat
// beside `iscc` as TDM·AI writes it (WORKS.md §6).
import type { Diagnostic } from '@optout/core';
import { encodeBase32, parseIscc } from './codec.js';

/** TDM·AI usage keys, parents before children. */
export const USAGE_KEYS = ['all', 'train-ai', 'train-genai', 'ai-use', 'search'] as const;
/** One TDM·AI usage key. */
export type UsageKey = (typeof USAGE_KEYS)[number];

/** What a declaration does to the one it references. */
export const INTENTS = ['activate', 'update', 'supersede', 'revoke'] as const;
/** One intent. */
export type Intent = (typeof INTENTS)[number];

/** One opt-out declaration, as loaded from a registry line. */
export interface Declaration {
  /** Canonical `ISCC:` form of the declared code. */
  iscc: string;
  /** TDM·AI usage values: `true` allowed, `false` reserved. Only keys the line sets. */
  usage: Partial<Record<UsageKey, boolean>>;
  /** TDMRep form: 1 reserved, 0 not reserved. */
  tdmReservation?: 0 | 1;
  /** TDMRep form: URL of the TDM policy (licence offer). */
  tdmPolicy?: string;
  /** Who declared (a DID, a domain, a name). */
  declarer?: string;
  /** When it was declared (ISO 8601 as given, or converted from epoch milliseconds). */
  time?: string;
  /** Where the declaration was published (registry URL, node). */
  source?: string;
  /** Identifier of the declaration, when the registry gives one. */
  id?: string;
  /** TDM·AI `intent`: `activate` (default), `update`, `supersede` or `revoke`. */
  intent?: Intent;
  /** The `id` of the declaration this one updates, supersedes or revokes. */
  reference?: string;
  /** `"/declaration"` when nested, `""` when flat: JSON Pointer prefix of the declaration keys. */
  pointer: string;
  /** 1-based line in the registry file. */
  line: number;
  /** The line, unchanged. */
  raw: string;
}

const ENVELOPE_KEYS = new Set([
  'iscc',
  'declaration',
  'declarer',
  'declarerId',
  'time',
  'timestamp',
  'source',
  'id',
  'cid',
  'version',
  'intent',
  'reference',
  'summary',
  'policy',
]);
const TDMREP_KEYS = new Set(['tdm-reservation', 'tdm-policy']);

/** Declarations read from JSONL and the diagnostics of the lines that were skipped or doubtful. */
export interface ParsedDeclarations {
  declarations: Declaration[];
  diagnostics: Diagnostic[];
}

/**
 * Parse JSONL declarations. Accepts the whole text or an iterable of lines.
 * Blank lines and lines starting with `#` are ignored; a line with an error
 * is skipped with a diagnostic naming its line number. Never throws.
 */
export function parseDeclarations(input: string | Iterable<string>): ParsedDeclarations {
  const lines = typeof input === 'string' ? input.split(/\r?\n/) : input;
  const declarations: Declaration[] = [];
  const diagnostics: Diagnostic[] = [];
  let line = 0;
  for (const raw of lines) {
    const parsed = parseDeclarationLine(raw, ++line);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.declaration) declarations.push(parsed.declaration);
  }
  return { declarations, diagnostics };
}

/**
 * Longest declaration line parsed, in UTF-16 units (1 MiB of ASCII): a
 * declaration with its envelope and credentials is a few kB, and a registry
 * line must not cost unbounded parsing or memory.
 */
const MAX_LINE_CHARS = 1 << 20;

/** Parse one JSONL line (`line` is its 1-based number). Blank and `#` lines give nothing. Never throws. */
export function parseDeclarationLine(
  raw: string,
  line: number,
): { declaration?: Declaration; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (raw.length > MAX_LINE_CHARS) {
    const message = `line longer than ${MAX_LINE_CHARS} characters: skipped`;
    const head = `${raw.slice(0, 200)}…`;
    return {
      diagnostics: [{ code: 'iscc.registry.line-too-long', severity: 'error', message, line, raw: head }],
    };
  }
  const text = raw.trim();
  if (text === '' || text.startsWith('#')) return { diagnostics };
  const declaration = parseLine(text, line, (code, severity, message) =>
    diagnostics.push({
      code,
      severity,
      message,
      line,
      raw: text.length > 200 ? `${text.slice(0, 200)}…` : text,
    }),
  );
  return declaration ? { declaration, diagnostics } : { diagnostics };
}

type Report = (code: string, severity: Diagnostic['severity'], message: string) => void;

function parseLine(text: string, line: number, report: Report): Declaration | undefined {
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (error) {
    report('iscc.registry.invalid-json', 'error', `not JSON: ${(error as Error).message}`);
    return undefined;
  }
  if (!isObject(record)) {
    report('iscc.registry.not-object', 'error', 'a declaration line must be a JSON object');
    return undefined;
  }
  const iscc = readIscc(record.iscc, report);
  const nested = isObject(record.declaration);
  if (record.declaration !== undefined && !nested) {
    report('iscc.registry.invalid-declaration', 'error', '"declaration" must be an object');
    return undefined;
  }
  const body = nested ? (record.declaration as Record<string, unknown>) : record;
  const declaration: Declaration = {
    iscc: iscc ?? '',
    usage: readUsage(body, report),
    pointer: nested ? '/declaration' : '',
    line,
    raw: text,
  };
  readTdmRep(body, declaration, report);
  readEnvelope(record, declaration, report);
  warnUnknownKeys(record, nested, report);
  if (!iscc) return undefined;
  const revocation = declaration.intent === 'revoke';
  if (
    !revocation &&
    Object.keys(declaration.usage).length === 0 &&
    declaration.tdmReservation === undefined
  ) {
    report(
      'iscc.registry.no-declaration',
      'error',
      'no usage key (all, train-ai, ...) and no tdm-reservation',
    );
    return undefined;
  }
  return declaration;
}

function warnUnknownKeys(record: Record<string, unknown>, nested: boolean, report: Report): void {
  const declarationKey = (key: string) =>
    (USAGE_KEYS as readonly string[]).includes(key) || TDMREP_KEYS.has(key);
  const unknown = nested
    ? [
        ...Object.keys(record).filter((key) => !ENVELOPE_KEYS.has(key)),
        ...Object.keys(record.declaration as object).filter((key) => !declarationKey(key)),
      ]
    : Object.keys(record).filter((key) => !ENVELOPE_KEYS.has(key) && !declarationKey(key));
  for (const key of unknown) report('iscc.registry.unknown-key', 'warning', `unknown key "${key}" ignored`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readIscc(value: unknown, report: Report): string | undefined {
  if (typeof value !== 'string') {
    report('iscc.registry.missing-iscc', 'error', 'missing "iscc" string');
    return undefined;
  }
  const parsed = parseIscc(value);
  if (!parsed.ok) {
    report('iscc.registry.invalid-iscc', 'error', parsed.message);
    return undefined;
  }
  if (parsed.value.mainType > 5) {
    report('iscc.registry.unsupported-iscc', 'error', `only ISCC-CODEs and units can be matched: "${value}"`);
    return undefined;
  }
  return `ISCC:${encodeBase32(parsed.value.raw)}`;
}

function readUsage(body: Record<string, unknown>, report: Report): Declaration['usage'] {
  const usage: Declaration['usage'] = {};
  for (const key of USAGE_KEYS) {
    const value = body[key];
    if (value === undefined) continue;
    if (value === 'true' || value === 'false') usage[key] = value === 'true';
    else if (typeof value === 'boolean') {
      usage[key] = value;
      report(
        'iscc.registry.boolean-usage',
        'warning',
        `"${key}": TDM·AI values are the strings "true"/"false"`,
      );
    } else report('iscc.registry.invalid-usage', 'error', `"${key}" must be "true" or "false", ignored`);
  }
  return usage;
}

function readTdmRep(body: Record<string, unknown>, declaration: Declaration, report: Report): void {
  const reservation = body['tdm-reservation'];
  if (reservation === 0 || reservation === 1) declaration.tdmReservation = reservation;
  else if (reservation === '0' || reservation === '1') {
    declaration.tdmReservation = reservation === '1' ? 1 : 0;
    report('iscc.registry.string-reservation', 'warning', '"tdm-reservation" should be the number 0 or 1');
  } else if (reservation !== undefined) {
    report('iscc.registry.invalid-reservation', 'error', '"tdm-reservation" must be 0 or 1, ignored');
  }
  const policy = body['tdm-policy'];
  if (typeof policy === 'string') declaration.tdmPolicy = policy;
  else if (policy !== undefined)
    report('iscc.registry.invalid-policy', 'warning', '"tdm-policy" must be a URL string');
}

function readEnvelope(record: Record<string, unknown>, declaration: Declaration, report: Report): void {
  const declarer = record.declarer ?? record.declarerId;
  if (typeof declarer === 'string') declaration.declarer = declarer;
  const time = record.time ?? record.timestamp;
  if (typeof time === 'number' && Number.isFinite(time)) declaration.time = new Date(time).toISOString();
  else if (typeof time === 'string' && !Number.isNaN(Date.parse(time))) declaration.time = time;
  else if (time !== undefined)
    report('iscc.registry.invalid-time', 'warning', '"time" is not a date, ignored');
  if (typeof record.source === 'string') declaration.source = record.source;
  const id = record.id ?? record.cid;
  if (typeof id === 'string') declaration.id = id;
  readIntent(record, declaration, report);
}

function readIntent(record: Record<string, unknown>, declaration: Declaration, report: Report): void {
  const { intent, reference } = record;
  if (typeof intent === 'string' && (INTENTS as readonly string[]).includes(intent)) {
    declaration.intent = intent as Intent;
  } else if (intent !== undefined) {
    report(
      'iscc.registry.invalid-intent',
      'warning',
      `"intent" must be one of ${INTENTS.join(', ')}, ignored`,
    );
  }
  if (typeof reference === 'string') declaration.reference = reference;
  if (declaration.intent && declaration.intent !== 'activate' && declaration.reference === undefined) {
    report(
      'iscc.registry.missing-reference',
      'warning',
      `intent "${declaration.intent}" without a "reference"`,
    );
  }
}
