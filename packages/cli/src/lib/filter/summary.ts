import type { Decision } from '@optout/core';
import { type DecisionFacts, factsOf } from './facts.js';

/** How a run's URLs ended up, in a form that survives a checkpoint. */
export interface SummaryState {
  agent: string;
  purpose: string;
  startedAt: string;
  finishedAt?: string;
  total: number;
  byStatus: Record<string, number>;
  /** Final outcome after the default for unknown: kept / excluded. */
  kept: number;
  excluded: number;
  /** URLs excluded, by the signal of their first deciding statement (`default` when unknown). */
  excludedBySignal: Record<string, number>;
  /** URLs by the signal of their first deciding statement. */
  bySignal: Record<string, number>;
  /** URLs per origin (see `Tally`); bounded (see `MAX_ORIGINS`), so counts are exact only below the bound. */
  origins: Record<string, { kept: number; excluded: number }>;
  /** Number of keys in `origins` (counting them on every new origin would be quadratic). */
  originCount: number;
  /** Errors met while gathering signals, by source and code. */
  signalErrors: Record<string, number>;
  /** Input lines that could not be read. */
  inputErrors: number;
  firstInputErrors: string[];
  /** Earliest and latest time an origin file was retrieved, from the evidence. */
  retrievedFrom?: string;
  retrievedTo?: string;
}

// Origins tracked exactly; beyond this the smallest are dropped (space-saving
// style), so memory stays flat on runs over millions of origins.
const MAX_ORIGINS = 20_000;
const MAX_ERROR_LINES = 50;

/** A fresh summary for a run. */
export function newSummary(agent: string, purpose: string, now = new Date()): SummaryState {
  return {
    agent,
    purpose,
    startedAt: now.toISOString(),
    total: 0,
    byStatus: {},
    kept: 0,
    excluded: 0,
    excludedBySignal: {},
    bySignal: {},
    origins: {},
    originCount: 0,
    signalErrors: {},
    inputErrors: 0,
    firstInputErrors: [],
  };
}

function bump(map: Record<string, number>, key: string, n: number): void {
  map[key] = (map[key] ?? 0) + n;
}

/**
 * Counts decided URLs into a summary. A shared decision template (see
 * `factsOf`) only has its URLs counted as they come, on its facts; the counts
 * by status, signal, error and origin are folded into the summary in bulk by
 * `flush` (before the summary is read or saved). Per URL that is one object
 * touched instead of five, which matters when origins interleave.
 *
 * Origins are the URL standard's (`https://example.com`, default port left
 * out), so spellings of one origin are counted together. A template's URLs
 * are counted under the origin of the first one; a URL whose `scheme://authority`
 * is spelt differently (its `spellingOf` differs) is counted on its own.
 */
export class Tally {
  readonly state: SummaryState;
  /** Facts with URLs not folded in yet. */
  #dirty: DecisionFacts[] = [];

  constructor(state: SummaryState) {
    this.state = state;
  }

  /** Count one decided URL; returns the decision's facts. */
  add(decision: Decision): DecisionFacts {
    const state = this.state;
    state.total++;
    if (decision.allowed) state.kept++;
    else state.excluded++;
    const facts = factsOf(decision);
    const url = decision.url;
    if (!facts.shared) this.#fold(facts, 1, originOf(url));
    else if (facts.tally !== this) this.#claim(facts, url);
    else if (spellingOf(url) !== facts.spelling) this.#fold(facts, 1, originOf(url));
    else if (facts.pending++ === 0) this.#dirty.push(facts);
    return facts;
  }

  /** Fold every pending count into the summary. */
  flush(): void {
    for (const facts of this.#dirty) this.#foldPending(facts);
    this.#dirty = [];
  }

  /** Count a template's URLs here from now on (another tally's pending ones go to it first). */
  #claim(facts: DecisionFacts, url: string): void {
    if (facts.tally) facts.tally.#foldPending(facts);
    facts.tally = this;
    facts.origin = originOf(url);
    facts.spelling = spellingOf(url);
    facts.pending = 1;
    this.#dirty.push(facts);
  }

  #foldPending(facts: DecisionFacts): void {
    if (facts.tally !== this || facts.pending === 0) return;
    this.#fold(facts, facts.pending, facts.origin);
    facts.pending = 0;
  }

  #fold(facts: DecisionFacts, n: number, origin: string): void {
    const state = this.state;
    bump(state.byStatus, facts.status, n);
    bump(state.bySignal, facts.signal, n);
    if (!facts.allowed) bump(state.excludedBySignal, facts.signal, n);
    const counts = countsOf(state, origin);
    if (facts.allowed) counts.kept += n;
    else counts.excluded += n;
    for (const key of facts.errorKeys) bump(state.signalErrors, key, n);
    addRetrievedAt(state, facts.retrievedAt);
  }
}

/** The counts of an origin, made (pruning the table when full) on its first URL. */
function countsOf(state: SummaryState, origin: string): OriginCounts {
  let counts = originIndex(state).get(origin);
  if (!counts) {
    if (state.originCount >= MAX_ORIGINS) pruneOrigins(state);
    counts = state.origins[origin] = { kept: 0, excluded: 0 };
    originIndex(state).set(origin, counts);
    state.originCount++;
  }
  return counts;
}

/** The origin of a URL (`scheme://host[:port]`); what precedes its path when the URL parser refuses it. */
function originOf(url: string): string {
  try {
    const origin = new URL(url).origin;
    if (origin !== 'null') return origin;
  } catch {
    // Counted as written below.
  }
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  return ownCopy(slash < 0 ? url : url.slice(0, slash));
}

/**
 * A 32-bit hash of how `url` spells its `scheme://authority` (up to the first
 * `/`, `?` or `#` after `//`), with that length mixed in. Two URLs with equal
 * spellings have the same origin; reading only the URL itself, it costs no
 * cache miss.
 */
export function spellingOf(url: string): number {
  let hash = 0x811c9dc5;
  let i = 0;
  const authority = url.indexOf('//') + 2;
  for (; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (i >= authority && (c === 47 || c === 63 || c === 35)) break;
    hash = Math.imul(hash ^ c, 0x01000193);
  }
  return Math.imul(hash ^ i, 0x01000193);
}

/** A string of its own: a slice would keep the whole URL it came from alive. */
function ownCopy(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

function addRetrievedAt(state: SummaryState, at: string | undefined): void {
  if (!at) return;
  if (!state.retrievedFrom || at < state.retrievedFrom) state.retrievedFrom = at;
  if (!state.retrievedTo || at > state.retrievedTo) state.retrievedTo = at;
}

type OriginCounts = SummaryState['origins'][string];

// `origins` holds thousands of keys, so the object is a slow dictionary; a Map
// over the same count objects answers the per-URL lookup. Rebuilt when the
// object was replaced (a resumed run's summary, a prune).
const indexes = new WeakMap<SummaryState, { of: SummaryState['origins']; map: Map<string, OriginCounts> }>();

function originIndex(state: SummaryState): Map<string, OriginCounts> {
  let index = indexes.get(state);
  if (!index || index.of !== state.origins) {
    index = { of: state.origins, map: new Map(Object.entries(state.origins)) };
    indexes.set(state, index);
  }
  return index.map;
}

function pruneOrigins(state: SummaryState): void {
  const sorted = Object.entries(state.origins).sort(
    (a, b) => b[1].kept + b[1].excluded - (a[1].kept + a[1].excluded),
  );
  state.origins = Object.fromEntries(sorted.slice(0, MAX_ORIGINS / 2));
  state.originCount = MAX_ORIGINS / 2;
}

/** Count one input line that could not be read. */
export function addInputError(state: SummaryState, message: string): void {
  state.inputErrors++;
  if (state.firstInputErrors.length < MAX_ERROR_LINES) state.firstInputErrors.push(message);
}

/** The origins with the most URLs, largest first. */
export function topOrigins(
  state: SummaryState,
  limit = 10,
): Array<{ origin: string; urls: number; kept: number; excluded: number }> {
  return Object.entries(state.origins)
    .map(([origin, c]) => ({ origin, urls: c.kept + c.excluded, ...c }))
    .sort((a, b) => b.urls - a.urls || a.origin.localeCompare(b.origin))
    .slice(0, limit);
}

function percent(part: number, whole: number): string {
  return whole ? ((100 * part) / whole).toFixed(1) + '%' : '0.0%';
}

/** The summary as the JSON document written next to the outputs. */
export function summaryJson(state: SummaryState): Record<string, unknown> {
  return { ...state, origins: undefined, originCount: undefined, topOrigins: topOrigins(state, 25) };
}

/** A short plain-text summary for the terminal. */
export function summaryText(state: SummaryState): string {
  const lines = [
    `${state.total} URLs checked for ${state.agent} / ${state.purpose}: ${state.kept} kept, ${state.excluded} excluded` +
      (state.inputErrors ? `, ${state.inputErrors} unreadable input lines` : ''),
    `  by status: ${formatCounts(state.byStatus)}`,
    `  by deciding signal: ${formatCounts(state.bySignal)}`,
  ];
  const errors = formatCounts(state.signalErrors);
  if (errors) lines.push(`  signal errors: ${errors}`);
  const top = topOrigins(state, 5)
    .map((o) => `${o.origin} (${o.urls})`)
    .join(', ');
  if (top) lines.push(`  top origins: ${top}`);
  return lines.join('\n') + '\n';
}

function formatCounts(map: Record<string, number>): string {
  return Object.entries(map)
    .sort((a, b) => b[1] - a[1])
    .map(([key, n]) => `${key} ${n}`)
    .join(', ');
}

/**
 * The summary as Markdown a provider can adapt for the EU AI Act's public
 * summary of training content: top domains, share excluded by each signal,
 * retrieval dates and the agent used.
 */
export function summaryMarkdown(state: SummaryState): string {
  const out: string[] = [
    `# Training-data opt-out summary`,
    '',
    `Prepared with \`optout filter\`. Adapt the wording to the template of the AI Office.`,
    '',
    `- Agent (product token) used: \`${state.agent}\``,
    `- Declared purpose: \`${state.purpose}\``,
    `- Run: ${state.startedAt} to ${state.finishedAt ?? '(unfinished)'}`,
    `- Opt-out files retrieved between: ${state.retrievedFrom ?? 'n/a'} and ${state.retrievedTo ?? 'n/a'}`,
    `- URLs checked: ${state.total}; kept: ${state.kept} (${percent(state.kept, state.total)}); excluded: ${state.excluded} (${percent(state.excluded, state.total)})`,
    '',
    `## Share excluded by each signal`,
    '',
    '| signal | URLs excluded | share of all URLs |',
    '|---|---:|---:|',
  ];
  for (const [signal, n] of Object.entries(state.excludedBySignal).sort((a, b) => b[1] - a[1])) {
    out.push(`| ${signal} | ${n} | ${percent(n, state.total)} |`);
  }
  out.push('', '## Top domains', '', '| origin | URLs | kept | excluded |', '|---|---:|---:|---:|');
  for (const o of topOrigins(state, 25)) out.push(`| ${o.origin} | ${o.urls} | ${o.kept} | ${o.excluded} |`);
  const errors = Object.entries(state.signalErrors);
  if (errors.length || state.inputErrors) {
    out.push('', '## Errors', '');
    for (const [key, n] of errors) out.push(`- ${key}: ${n} URLs`);
    if (state.inputErrors) out.push(`- unreadable input lines: ${state.inputErrors}`);
  }
  return out.join('\n') + '\n';
}
