import type { DecidedStatement } from '@optout/core';
import { type Evaluation, MATRIX_PURPOSES } from './evaluate.js';
import type { Finding } from './findings.js';
import type { Fetched, SiteSnapshot } from './snapshot.js';

/** Everything an audit produced, as its reports show it. */
export interface AuditResult {
  snapshot: SiteSnapshot;
  evaluation: Evaluation;
  findings: Finding[];
  generatedAt: string;
}

/** Where a statement was found, short: `robots.txt:7`, `tdmrep.json`, `/blog/x (x-robots-tag)`. */
export function shortWhere(
  s: DecidedStatement | { evidence: DecidedStatement['evidence'] },
  origin: string,
): string {
  const url = s.evidence.url ?? '';
  const path = url.startsWith(origin) ? url.slice(origin.length) || '/' : url;
  const file = path.replace(/^\/(\.well-known\/)?/, '') || path;
  const at = /^(robots\.txt|ai\.txt|tdmrep\.json)$/.test(file) ? file : path;
  const line = s.evidence.line ? `:${s.evidence.line}` : '';
  const hdr = s.evidence.header ? ` (${s.evidence.header})` : '';
  return `${at}${line}${hdr}`;
}

/** The JSON form of an audit (`--json`). */
export function auditJson(result: AuditResult): Record<string, unknown> {
  const { snapshot, evaluation } = result;
  const file = (f: Fetched) => ({
    url: f.url,
    status: f.status ?? null,
    error: f.error,
    bytes: f.body?.length ?? 0,
    retrievedAt: f.retrievedAt,
  });
  return {
    site: snapshot.site,
    generatedAt: result.generatedAt,
    files: {
      robots: file(snapshot.robots),
      aiTxt: file(snapshot.aiTxt),
      tdmrep: file(snapshot.tdmrep),
      licenses: snapshot.licenses.map(file),
    },
    pages: snapshot.pages.map(file),
    matrix: evaluation.rows.map((row) => ({
      agent: row.agent.token,
      operator: row.agent.operator,
      purposeClass: row.agent.purpose,
      cells: row.cells,
    })),
    findings: result.findings,
    diagnostics: evaluation.diagnostics,
  };
}

const esc = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const LABEL = { allowed: 'allowed', disallowed: 'blocked', unknown: 'no signal' } as const;

function cellHtml(row: Evaluation['rows'][number], purpose: string, origin: string): string {
  const cell = row.cells[purpose]!;
  const first = cell.deciding[0];
  const evidence = first
    ? `<span class="src">${esc(first.source)}</span><code>${esc(first.evidence.raw.slice(0, 60))}</code><span class="at">${esc(shortWhere(first, origin))}</span>`
    : `<span class="at">nothing says anything: default applies</span>`;
  const more = cell.deciding.length > 1 ? `<span class="at">+${cell.deciding.length - 1} more</span>` : '';
  const varies = cell.varies.length
    ? `<span class="varies">varies: ${cell.varies.map((v) => `${esc(v.url.slice(origin.length) || '/')} ${LABEL[v.status]}`).join(', ')}</span>`
    : '';
  const title = cell.deciding
    .map((s) => `${s.source} ${s.category}=${s.value} at ${shortWhere(s, origin)}: ${s.evidence.raw}`)
    .join('\n');
  return `<td class="cell ${cell.status}" title="${esc(title)}"><b>${LABEL[cell.status]}</b>${evidence}${more}${varies}</td>`;
}

function matrixHtml(result: AuditResult): string {
  const origin = result.snapshot.origin;
  const head = MATRIX_PURPOSES.map((p) => `<th>${esc(p)}</th>`).join('');
  const rows = result.evaluation.rows
    .map(
      (row) =>
        `<tr><th class="agent">${esc(row.agent.token)}<small>${esc([row.agent.operator, row.agent.purpose].filter(Boolean).join(' · '))}</small></th>` +
        MATRIX_PURPOSES.map((p) => cellHtml(row, p, origin)).join('') +
        '</tr>',
    )
    .join('\n');
  return `<table id="agent-matrix" class="matrix"><thead><tr><th>agent</th>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function findingHtml(f: Finding): string {
  const evidence = f.evidence.map((e) => `<li><code>${esc(e)}</code></li>`).join('');
  return `<article class="finding ${f.kind}"><h3><span class="tag">${f.kind}</span>${esc(f.title)}</h3>${evidence ? `<ul>${evidence}</ul>` : ''}<div class="fix"><b>Fix</b><pre>${esc(f.fix)}</pre></div></article>`;
}

function filesHtml(snapshot: SiteSnapshot): string {
  const rows = [snapshot.robots, snapshot.aiTxt, snapshot.tdmrep, ...snapshot.licenses, ...snapshot.pages]
    .map((f) => {
      const status = f.status ?? f.error ?? 'error';
      const cls = f.status && f.status < 300 ? 'ok' : f.status && f.status < 500 ? 'absent' : 'bad';
      return `<tr><td><a href="${esc(f.url)}">${esc(f.url)}</a></td><td class="${cls}">${esc(String(status))}</td><td>${f.body?.length ?? 0}</td><td>${esc(f.retrievedAt)}</td></tr>`;
    })
    .join('');
  return `<table class="files"><thead><tr><th>URL</th><th>status</th><th>bytes</th><th>retrieved</th></tr></thead><tbody>${rows}</tbody></table>`;
}

const CSS = `
:root{--ok:#1f7a4d;--ok-bg:#e3f5ea;--no:#b42318;--no-bg:#fde8e6;--un:#5b6472;--un-bg:#eef0f3;--ink:#1d2430;--muted:#6b7280;--line:#e5e7eb;--accent:#3b5bdb}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#f7f8fa}
header{background:linear-gradient(120deg,#1e2a4a,#3b5bdb);color:#fff;padding:28px 40px}header h1{margin:0 0 4px;font-size:24px}header p{margin:0;opacity:.85}
main{padding:24px 40px;max-width:1400px}section{background:#fff;border:1px solid var(--line);border-radius:10px;padding:18px 22px;margin:0 0 22px}
h2{font-size:17px;margin:0 0 12px}.chips{display:flex;gap:12px;flex-wrap:wrap;margin-top:16px}.chip{background:rgba(255,255,255,.15);border-radius:999px;padding:6px 14px}
.chip b{font-size:16px;margin-right:4px}table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:7px 9px;border-bottom:1px solid var(--line)}
thead th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}th.agent{white-space:nowrap;font-weight:600}th.agent small{display:block;font-weight:400;color:var(--muted);font-size:11px}
td.cell{width:22%;border-left:3px solid transparent}td.cell b{display:block;font-size:12px;text-transform:uppercase;letter-spacing:.04em}
td.allowed{background:var(--ok-bg);border-left-color:var(--ok)}td.allowed b{color:var(--ok)}td.disallowed{background:var(--no-bg);border-left-color:var(--no)}td.disallowed b{color:var(--no)}
td.unknown{background:var(--un-bg);border-left-color:#c3c8d0}td.unknown b{color:var(--un)}
.src{display:inline-block;font-size:11px;background:#fff;border:1px solid var(--line);border-radius:4px;padding:0 5px;margin-right:4px}
code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace;overflow-wrap:anywhere}.at{display:block;font-size:11px;color:var(--muted)}.varies{display:block;font-size:11px;color:#8a5a00}
.finding{border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:8px;padding:10px 14px;margin:0 0 12px}.finding.contradiction{border-left-color:#d97706}.finding.problem{border-left-color:var(--no)}
.finding h3{font-size:14px;margin:0 0 6px}.tag{font-size:10px;text-transform:uppercase;letter-spacing:.05em;background:var(--un-bg);border-radius:4px;padding:1px 6px;margin-right:8px;vertical-align:2px}
.finding ul{margin:4px 0 8px;padding-left:18px}.fix{background:#f3f6ff;border-radius:6px;padding:8px 10px}.fix pre{margin:4px 0 0;white-space:pre-wrap;font:12px/1.45 ui-monospace,Menlo,monospace}
td.ok{color:var(--ok)}td.absent{color:var(--un)}td.bad{color:var(--no);font-weight:600}.legend span{margin-right:14px}.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px}
footer{color:var(--muted);font-size:12px;padding:0 40px 30px}a{color:var(--accent)}`;

/** The audit as one self-contained HTML page: inline CSS, no scripts, no external assets. */
export function auditHtml(result: AuditResult): string {
  const { snapshot, evaluation, findings } = result;
  const training = evaluation.rows.filter((r) => r.agent.purpose === 'training');
  const blocked = training.filter((r) => r.cells['train-ai']!.status === 'disallowed').length;
  const count = (kind: Finding['kind']) => findings.filter((f) => f.kind === kind).length;
  const list = findings.length
    ? findings.map(findingHtml).join('\n')
    : '<p>Nothing to fix: the signals agree.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>optout audit: ${esc(snapshot.origin)}</title><style>${CSS}</style></head>
<body>
<header><h1>How AI crawlers see ${esc(snapshot.origin)}</h1>
<p>optout audit of ${esc(snapshot.site)} · ${esc(result.generatedAt)} · ${snapshot.pages.length} pages and 3 origin files read</p>
<div class="chips"><span class="chip"><b>${blocked}/${training.length}</b>training crawlers kept out</span>
<span class="chip"><b>${count('contradiction')}</b>contradictions</span><span class="chip"><b>${count('problem')}</b>problems</span><span class="chip"><b>${count('suggestion')}</b>suggestions</span></div></header>
<main>
<section><h2>Agent matrix</h2>
<p class="legend"><span><i style="background:var(--ok)"></i>allowed</span><span><i style="background:var(--no)"></i>blocked</span><span><i style="background:#c3c8d0"></i>no signal (the reader's default decides)</span>Each cell shows the deciding signal at ${esc(snapshot.pages[0]?.url ?? snapshot.site)}; hover for all evidence.</p>
${matrixHtml(result)}</section>
<section><h2>Contradictions, problems and fixes</h2>
${list}</section>
<section><h2>What was read</h2>${filesHtml(snapshot)}</section>
</main>
<footer>Generated by optout. Categories: crawl = RFC 9309 robots.txt; train-ai, ai-input, search = aipref Content-Usage, Content-Signal, TDMRep, ai.txt, X-Robots-Tag and meta robots, combined most-restrictively.</footer>
</body></html>
`;
}
