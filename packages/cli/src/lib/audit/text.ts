import type { Style } from '../output.js';
import { MATRIX_PURPOSES } from './evaluate.js';
import { type AuditResult, shortWhere } from './report.js';

const MARK = { allowed: 'allow', disallowed: 'BLOCK', unknown: '-' } as const;

function pad(text: string, width: number): string {
  return text.length >= width ? text.slice(0, width) : text + ' '.repeat(width - text.length);
}

/** The audit for the terminal: the matrix with the deciding signal of each cell, then findings and fixes. */
export function auditText(result: AuditResult, style: Style): string[] {
  const { snapshot, evaluation, findings } = result;
  const origin = snapshot.origin;
  const width = Math.max(12, ...evaluation.rows.map((r) => r.agent.token.length)) + 2;
  const colour = (status: keyof typeof MARK, text: string) =>
    status === 'allowed' ? style.green(text) : status === 'disallowed' ? style.red(text) : style.dim(text);
  const lines = [
    style.bold(`optout audit ${snapshot.site}`),
    `robots.txt ${snapshot.robots.status ?? snapshot.robots.error}, ai.txt ${snapshot.aiTxt.status ?? snapshot.aiTxt.error}, tdmrep.json ${snapshot.tdmrep.status ?? snapshot.tdmrep.error}, ${snapshot.pages.length} pages`,
    '',
    style.bold(pad('agent', width) + MATRIX_PURPOSES.map((p) => pad(p, 28)).join('')),
  ];
  for (const row of evaluation.rows) {
    const cells = MATRIX_PURPOSES.map((purpose) => {
      const cell = row.cells[purpose]!;
      const first = cell.deciding[0];
      const why = first ? ` ${shortWhere(first, origin)}` : '';
      const text = pad(`${MARK[cell.status]}${why}${cell.varies.length ? ' *' : ''}`, 27);
      return colour(cell.status, text) + ' ';
    });
    lines.push(pad(row.agent.token, width) + cells.join(''));
  }
  lines.push(style.dim('  * the answer differs on some audited pages (see --json or --html)'), '');
  if (!findings.length) lines.push('No contradictions or problems found.');
  for (const f of findings) {
    const tag =
      f.kind === 'problem'
        ? style.red(f.kind)
        : f.kind === 'contradiction'
          ? style.yellow(f.kind)
          : style.cyan(f.kind);
    lines.push(`${tag}: ${f.title}`);
    for (const e of f.evidence) lines.push(style.dim(`    ${e}`));
    lines.push(...f.fix.split('\n').map((l, i) => (i === 0 ? `  fix: ${l}` : `       ${l}`)), '');
  }
  return lines;
}
