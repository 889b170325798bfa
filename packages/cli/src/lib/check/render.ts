import { bindsAgent, type DecidedStatement, type Decision, lineage } from '@optout/core';
import type { Style } from '../output.js';
import type { FileDiagnostics } from './sources.js';

/**
 * The human form of a decision: the status, the deciding statements with
 * their exact evidence (file:line and the raw text), the overridden ones, a
 * count of the rest, the errors and the files' diagnostics.
 */
export function renderDecision(
  decision: Decision,
  diagnostics: readonly FileDiagnostics[],
  style: Style,
): string[] {
  const lines = [headline(decision, style)];
  const deciding = decision.statements.filter((s) => s.role === 'deciding');
  const overridden = decision.statements.filter((s) => s.role === 'overridden');
  // Replaced inside their own signal's cascade (TDMRep): they never decide, but the reader should see them.
  const covering = lineage(decision.purpose);
  const superseded = decision.statements.filter(
    (s) => s.supersededBy && covering.includes(s.category) && bindsAgent(s, decision.agent),
  );
  const others = decision.statements.length - deciding.length - overridden.length - superseded.length;
  if (deciding.length)
    lines.push('', style.bold('Decided by:'), ...deciding.flatMap((s) => statementLines(s, style)));
  if (overridden.length) {
    lines.push('', style.bold('Overridden:'), ...overridden.flatMap((s) => statementLines(s, style)));
  }
  if (superseded.length) {
    lines.push(
      '',
      style.bold("Superseded in the signal's own cascade:"),
      ...superseded.flatMap((s) => [
        ...statementLines(s, style),
        style.dim(`    superseded by ${s.supersededBy}`),
      ]),
    );
  }
  if (decision.status === 'unknown') {
    lines.push('', `No signal states anything about ${decision.purpose} for ${decision.agent} at this URL;`);
    lines.push(
      `the default (--default ${decision.defaultApplied}) makes it ${decision.allowed ? 'allowed' : 'disallowed'}.`,
    );
  }
  if (others) {
    lines.push(
      '',
      style.dim(
        `${others === 1 ? '1 other statement does' : `${others} other statements do`} not bear on this purpose or agent (--json lists them).`,
      ),
    );
  }
  if (decision.errors.length) {
    lines.push(
      '',
      style.bold('Errors:'),
      ...decision.errors.map((e) => `  ${style.red(e.code)} ${e.url ?? e.source}: ${e.message}`),
    );
  }
  const found = diagnostics.flatMap((file) =>
    file.diagnostics.filter((d) => d.severity !== 'info').map((d) => ({ file, d })),
  );
  if (found.length) {
    lines.push('', style.bold('Diagnostics:'));
    for (const { file, d } of found) {
      const where = [file.path, d.line, d.column].filter((part) => part !== undefined).join(':');
      lines.push(
        `  ${where}: ${d.severity === 'error' ? style.red(d.severity) : style.yellow(d.severity)} ${d.code} ${d.message}`,
      );
    }
  }
  return lines;
}

function headline(decision: Decision, style: Style): string {
  const verdict = decision.allowed ? style.green('ALLOWED') : style.red('DISALLOWED');
  const status = decision.status === 'unknown' ? ` (status unknown, default ${decision.defaultApplied})` : '';
  return `${style.bold(verdict)}${status}: ${decision.agent}, ${decision.purpose}, ${decision.url}`;
}

/** One statement: what it says and whom it binds, then where it was found, then the raw text. */
function statementLines(s: DecidedStatement, style: Style): string[] {
  const scope = s.scope.agents ? ` for ${s.scope.agents.join(', ')}` : '';
  const via = s.via ? ` (via ${s.via})` : '';
  const label = s.label ? ` [${s.label}]` : '';
  const flags = [
    s.inferred ? 'inferred' : '',
    s.conditions?.length ? `conditions: ${s.conditions.join(', ')}` : '',
  ]
    .filter(Boolean)
    .map((flag) => ` (${flag})`)
    .join('');
  const head = `  ${style.cyan(s.source)}: ${s.category} ${s.value}${label}${scope}${via}${flags}`;
  const lines = [head, `    at ${location(s)}: ${s.evidence.raw}`];
  if (s.note) lines.push(style.dim(`    ${s.note}`));
  return lines;
}

/** file:line[:column], or the header name, or the metadata path. */
function location(s: DecidedStatement): string {
  const e = s.evidence;
  const at = [e.url ?? '?', e.line, e.line ? e.column : undefined]
    .filter((part) => part !== undefined)
    .join(':');
  const inside = e.header ? ` header ${e.header}` : e.pointer ? ` ${e.pointer}` : e.path ? ` ${e.path}` : '';
  return at + inside;
}
