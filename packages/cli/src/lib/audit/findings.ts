import { lineage, type Statement } from '@optout/core';
import type { Evaluation } from './evaluate.js';
import type { Fetched, SiteSnapshot } from './snapshot.js';

/** Something the audit found: a contradiction between signals or a problem, with a concrete fix. */
export interface Finding {
  kind: 'contradiction' | 'problem' | 'suggestion';
  title: string;
  /** The evidence lines (`where: raw`). */
  evidence: string[];
  fix: string;
}

function where(s: Statement): string {
  const at = [s.evidence.url, s.evidence.line].filter((part) => part !== undefined).join(':');
  return `${at}${s.evidence.header ? ` (${s.evidence.header} header)` : ''}: ${s.evidence.raw}`;
}

const NAMES: Record<string, string> = {
  robots: 'robots.txt',
  'robots.content-usage': 'Content-Usage (robots.txt)',
  'robots.content-signal': 'Content-Signal (robots.txt)',
  'robots.inferred': 'robots.txt (AI agent group)',
  aitxt: 'ai.txt',
  'tdmrep.file': 'tdmrep.json',
  'tdmrep.header': 'tdm-reservation header',
  'tdmrep.html': 'tdm-reservation meta tag',
  'x-robots-tag': 'X-Robots-Tag',
  'meta-robots': 'meta robots',
  'content-usage': 'Content-Usage header',
  'content-signal': 'Content-Signal header',
};
const name = (source: string) => NAMES[source] ?? source;

/**
 * Training crawlers that robots.txt lets in and says nothing to about
 * training, on a site whose tdmrep.json reserves TDM rights: a crawler that
 * reads only robots.txt will take the content for training.
 */
function robotsVersusTdmrep(evaluation: Evaluation): Finding | undefined {
  const tdmrep = evaluation.generic[0]?.statements.filter(
    (s) => s.source.startsWith('tdmrep.') && s.value === 'disallow',
  );
  const reservation = tdmrep?.find((s) => s.source === 'tdmrep.file') ?? tdmrep?.[0];
  if (!reservation) return undefined;
  const open = evaluation.rows.filter((row) => {
    if (row.agent.purpose !== 'training') return false;
    const crawl = row.cells.crawl!;
    const statements = evaluation.byAgent.get(row.agent.token)?.[0]?.statements ?? [];
    const robotsSaysNo = statements.some(
      (s) =>
        s.source.startsWith('robots') &&
        s.value === 'disallow' &&
        s.category !== 'search' &&
        s.category !== 'ai-input',
    );
    return crawl.status !== 'disallowed' && !robotsSaysNo;
  });
  if (!open.length) return undefined;
  const tokens = open.map((row) => row.agent.token);
  return {
    kind: 'contradiction',
    title: `robots.txt lets ${list(tokens)} crawl and says nothing against training, while ${name(reservation.source)} reserves text-and-data mining`,
    evidence: [where(reservation)],
    fix:
      `Crawlers that read only robots.txt will train on this site. In robots.txt, either block them:\n` +
      tokens.map((t) => `User-agent: ${t}`).join('\n') +
      `\nDisallow: /\n` +
      `or, to keep them crawling, add \`Content-Usage: train-ai=n\` to their group (a named group does not inherit the lines of \`User-agent: *\`).`,
  };
}

function list(items: string[]): string {
  return items.length > 6 ? `${items.slice(0, 6).join(', ')} and ${items.length - 6} more` : items.join(', ');
}

/** Binds every agent (the generic evaluation asks as `*`; robots.txt scopes its answer to that token). */
const generic = (s: Statement) => !s.scope.agents || s.scope.agents.includes('*');

/**
 * Signals that say opposite things about one purpose (an allow under a
 * disallow's category): one finding per allowing statement, with every
 * statement that contradicts it, across the audited pages.
 */
function disagreements(evaluation: Evaluation): Finding[] {
  const byAllow = new Map<string, { allow: Statement; denies: Map<string, Statement>; pages: Set<string> }>();
  for (const page of evaluation.generic) {
    const live = page.statements.filter((s) => !s.supersededBy && s.category !== 'crawl' && generic(s));
    for (const allow of live.filter((s) => s.value === 'allow')) {
      const covering = lineage(allow.category);
      const denies = live.filter(
        (s) => s.value === 'disallow' && covering.includes(s.category) && s.source !== allow.source,
      );
      if (!denies.length) continue;
      const key = `${allow.source}|${allow.evidence.url}|${allow.evidence.line}|${allow.evidence.raw}`;
      const entry = byAllow.get(key) ?? { allow, denies: new Map(), pages: new Set() };
      for (const deny of denies)
        entry.denies.set(`${deny.source}|${deny.evidence.url}|${deny.evidence.raw}`, deny);
      entry.pages.add(page.url);
      byAllow.set(key, entry);
    }
  }
  return [...byAllow.values()].map(({ allow, denies, pages }) => {
    const against = [...denies.values()];
    const names = [...new Set(against.map((d) => name(d.source)))];
    return {
      kind: 'contradiction' as const,
      title: `${name(allow.source)} allows ${allow.category}, but ${names.join(', ')} ${names.length > 1 ? 'disallow' : 'disallows'} it (${pages.size} of ${evaluation.generic.length} pages)`,
      evidence: [where(allow), ...against.map(where)],
      fix: fixFor(allow, against[0]!),
    };
  });
}

function fixFor(allow: Statement, deny: Statement): string {
  const pair = new Set([allow.source, deny.source]);
  if (
    [...pair].some((s) => s.endsWith('content-usage')) &&
    [...pair].some((s) => s.endsWith('content-signal'))
  ) {
    return 'Content-Usage and Content-Signal should say the same thing for the same paths: change the Content-Signal line (ai-train=yes|no) or the Content-Usage line (train-ai=y|n) so they agree. Most-restrictive readers apply the "no".';
  }
  if (allow.source === 'aitxt') {
    return 'ai.txt was probably generated with Text allowed (its last line is `Allow: /`). Regenerate it with Text unchecked (`Disallow: /`), or remove the reservation elsewhere if training is in fact allowed.';
  }
  return `Decide which answer you mean and make ${name(allow.source)} and ${name(deny.source)} agree; readers that combine signals apply the disallow.`;
}

function problems(snapshot: SiteSnapshot, evaluation: Evaluation): Finding[] {
  const out: Finding[] = [];
  const robots = snapshot.robots;
  if (robots.status === undefined || robots.status >= 500 || robots.status === 429) {
    out.push({
      kind: 'problem',
      title: `robots.txt is unreachable (${robots.error ?? `HTTP ${robots.status}`}): every RFC 9309 crawler must treat the whole site as disallowed`,
      evidence: [robots.url],
      fix: 'Serve robots.txt with status 200 (or 404 if you want no restrictions). Check the server and CDN rules for /robots.txt.',
    });
  } else if (robots.status >= 400) {
    out.push({
      kind: 'suggestion',
      title: `No robots.txt (HTTP ${robots.status}): every crawler may fetch everything`,
      evidence: [robots.url],
      fix: 'Add /robots.txt with groups for the AI crawlers you want to keep out (`optout init` writes one).',
    });
  }
  if (missing(snapshot.tdmrep)) {
    out.push({
      kind: 'suggestion',
      title:
        'No /.well-known/tdmrep.json: no machine-readable TDM reservation under the EU DSM Directive art. 4',
      evidence: [snapshot.tdmrep.url],
      fix: 'Publish /.well-known/tdmrep.json, e.g. `[{"location": "/*", "tdm-reservation": 1}]` (`optout init` writes one).',
    });
  }
  for (const file of evaluation.diagnostics) {
    for (const d of file.diagnostics.filter((d) => d.severity !== 'info')) {
      out.push({
        kind: 'problem',
        title: `${file.path}${d.line ? `:${d.line}` : ''}: ${d.message}`,
        evidence: d.raw ? [d.raw] : [],
        fix: `${d.severity} ${d.code}: correct this line; \`optout lint\` checks the file locally.`,
      });
    }
  }
  return out;
}

function missing(file: Fetched): boolean {
  return file.status !== undefined && file.status >= 400 && file.status < 500;
}

/** Every contradiction, problem and suggestion, contradictions first. */
export function findings(snapshot: SiteSnapshot, evaluation: Evaluation): Finding[] {
  const first = robotsVersusTdmrep(evaluation);
  return [...(first ? [first] : []), ...disagreements(evaluation), ...problems(snapshot, evaluation)];
}
