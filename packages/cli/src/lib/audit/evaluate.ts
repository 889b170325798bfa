import {
  type Category,
  type DecidedStatement,
  type Decision,
  type DecisionError,
  decide,
  type KnownAgent,
  knownAgents,
  type Statement,
} from '@optout/core';
import { type CheckFiles, type FileDiagnostics, gatherStatements, type LocalFile } from '../check/sources.js';
import { type Fetched, headerBlock, isHtml, type SiteSnapshot, usable } from './snapshot.js';

/** The columns of the agent matrix. */
export const MATRIX_PURPOSES: readonly Category[] = ['crawl', 'train-ai', 'ai-input', 'search'];

// The vendors whose crawlers every publisher asks about; `--all-agents` adds the rest.
const VENDORS = new Set([
  'OpenAI',
  'Anthropic',
  'Google',
  'Apple',
  'Amazon',
  'Meta',
  'Microsoft',
  'Perplexity',
  'Mistral AI',
  'Cohere',
  'ByteDance',
  'Common Crawl',
]);
const PRODUCT_TOKEN = /^[A-Za-z0-9_-]+$/;

/** The agents shown: the vendors' crawlers and control tokens, plus any agent the robots.txt names. */
export function matrixAgents(named: readonly string[], all = false): KnownAgent[] {
  const wanted = new Set(named.map((token) => token.toLowerCase()));
  return knownAgents().filter(
    (agent) =>
      PRODUCT_TOKEN.test(agent.token) &&
      (all ||
        VENDORS.has(agent.operator ?? '') ||
        agent.purpose === 'control-token' ||
        wanted.has(agent.token.toLowerCase())),
  );
}

/** One cell: what the site says to an agent about a purpose, and why. */
export interface Cell {
  status: Decision['status'];
  /** The deciding statements at the site's main page. */
  deciding: DecidedStatement[];
  /** Audited pages where the answer differs from the main page. */
  varies: Array<{ url: string; status: Decision['status'] }>;
}

/** A row of the matrix. */
export interface MatrixRow {
  agent: KnownAgent;
  cells: Record<string, Cell>;
}

/** The evaluated audit: decisions per agent, purpose and page, and every file's diagnostics. */
export interface Evaluation {
  rows: MatrixRow[];
  diagnostics: FileDiagnostics[];
  /** Statements found per page for a generic agent (`*`), for the contradiction checks. */
  generic: Array<{ url: string; statements: Statement[] }>;
  /** Per agent, per page, every statement (for the per-agent checks). */
  byAgent: Map<string, Array<{ url: string; statements: Statement[] }>>;
  errors: DecisionError[];
}

function local(file: Fetched): LocalFile | undefined {
  return usable(file) ? { path: file.url, bytes: file.body } : undefined;
}

/** What the fetched files and one page say about that page for one agent. */
function gather(snapshot: SiteSnapshot, page: Fetched, agent: string) {
  const files: CheckFiles = {};
  const robots = local(snapshot.robots);
  const aiTxt = local(snapshot.aiTxt);
  const tdmrep = local(snapshot.tdmrep);
  if (robots) files.robots = robots;
  if (aiTxt) files.aiTxt = aiTxt;
  if (tdmrep) files.tdmrep = tdmrep;
  const licenses = snapshot.licenses.flatMap((license) => local(license) ?? []);
  if (licenses.length) files.rsl = licenses;
  if (page.status !== undefined)
    files.headers = { path: page.url, bytes: new TextEncoder().encode(headerBlock(page)) };
  if (usable(page) && isHtml(page)) files.html = { path: page.url, bytes: page.body };
  const gathered = gatherStatements(files, {
    url: page.url,
    agent,
    robotsInference: 'vendor',
    tdmrepMode: 'spec',
  });
  const statements = gathered.statements.map((s) => withRetrieval(s, snapshot, page));
  const unreachable = unreachableRobots(snapshot.robots);
  if (unreachable) statements.unshift(unreachable);
  return { statements, diagnostics: gathered.diagnostics, errors: gathered.errors };
}

/** Stamp each statement with the time its carrying document was retrieved. */
function withRetrieval(statement: Statement, snapshot: SiteSnapshot, page: Fetched): Statement {
  const carriers = [snapshot.robots, snapshot.aiTxt, snapshot.tdmrep, ...snapshot.licenses, page];
  const carrier = carriers.find((file) => file.url === statement.evidence.url);
  return carrier
    ? { ...statement, evidence: { ...statement.evidence, retrievedAt: carrier.retrievedAt } }
    : statement;
}

/** RFC 9309 §2.3.1.4: a robots.txt that cannot be reached means nothing may be crawled. */
function unreachableRobots(robots: Fetched): Statement | undefined {
  const failed = robots.status === undefined || robots.status >= 500 || robots.status === 429;
  if (!failed) return undefined;
  return {
    category: 'crawl',
    value: 'disallow',
    source: 'robots',
    scope: {},
    evidence: {
      raw: robots.error ?? `HTTP ${robots.status}`,
      url: robots.url,
      retrievedAt: robots.retrievedAt,
    },
    note: 'robots.txt is unreachable (5xx, 429 or network error): RFC 9309 crawlers must assume everything is disallowed',
  };
}

/** Evaluate every agent against every purpose on every audited page. */
export function evaluate(snapshot: SiteSnapshot, agents: readonly KnownAgent[]): Evaluation {
  const [main, ...rest] = snapshot.pages;
  const pages = main ? [main, ...rest] : [];
  const byAgent = new Map<string, Array<{ url: string; statements: Statement[] }>>();
  const rows: MatrixRow[] = [];
  for (const agent of agents) {
    const perPage = pages.map((page) => ({ url: page.url, ...gather(snapshot, page, agent.token) }));
    byAgent.set(agent.token, perPage);
    const cells: Record<string, Cell> = {};
    for (const purpose of MATRIX_PURPOSES) {
      const decisions = perPage.map((p) =>
        decide({ url: p.url, agent: agent.token, purpose, statements: p.statements, errors: p.errors }),
      );
      const first = decisions[0];
      cells[purpose] = {
        status: first?.status ?? 'unknown',
        deciding: first?.statements.filter((s) => s.role === 'deciding') ?? [],
        varies: decisions
          .slice(1)
          .filter((d) => d.status !== first?.status)
          .map((d) => ({ url: d.url, status: d.status })),
      };
    }
    rows.push({ agent, cells });
  }
  const generic = pages.map((page) => ({ url: page.url, ...gather(snapshot, page, '*') }));
  return {
    rows,
    diagnostics: mergeDiagnostics(generic.flatMap((g) => g.diagnostics)),
    generic: generic.map((g) => ({ url: g.url, statements: g.statements })),
    byAgent,
    errors: generic.flatMap((g) => g.errors),
  };
}

/** The same file's diagnostics come back once per page: keep each once. */
function mergeDiagnostics(all: FileDiagnostics[]): FileDiagnostics[] {
  const seen = new Map<string, FileDiagnostics>();
  for (const file of all) {
    const entry = seen.get(file.path) ?? { path: file.path, diagnostics: [] };
    const known = new Set(entry.diagnostics.map((d) => `${d.code}:${d.line}:${d.column}:${d.message}`));
    const fresh = file.diagnostics.filter((d) => !known.has(`${d.code}:${d.line}:${d.column}:${d.message}`));
    seen.set(file.path, { path: file.path, diagnostics: [...entry.diagnostics, ...fresh] });
  }
  return [...seen.values()].filter((f) => f.diagnostics.length);
}
