import { assertArg, type Statement } from '@optout/core';
import type { PolicyReport } from './policy.js';
import type { TdmDiagnostic, TdmSource, TdmStep, TdmValue } from './types.js';

/** The three steps of the TDMRep cascade, lowest priority first. */
export interface TdmSteps {
  /** The tdmrep.json rule for the URL (`TdmrepFile.lookup`). */
  file?: TdmStep;
  /** The response headers (`readTdmHeaders`). */
  header?: TdmStep;
  /** The resource's own metadata: HTML meta, EPUB OPF, PDF or other XMP. */
  embedded?: TdmStep;
}

/** What became of the effective policy, when the caller tried to fetch it. */
export type PolicyCheck =
  | { status: 'unavailable'; error?: string }
  | { status: 'human' }
  | { status: 'parsed'; report: PolicyReport };

/** Options for `cascade`. */
export interface CascadeOptions {
  /** `spec` (default): later steps override; `conservative`: any `1` seen wins. */
  mode?: 'spec' | 'conservative';
  /** The outcome of fetching the effective `tdm-policy`, if the caller fetched it. */
  policy?: PolicyCheck;
}

/**
 * The state of the effective policy: `none` (no policy), `ignored` (the
 * reservation is 0 or unset, so it is not processed), `not-fetched`,
 * `unavailable`, `human` (an HTML page), `invalid` or `valid`.
 */
export type PolicyStatus = 'none' | 'ignored' | 'not-fetched' | 'unavailable' | 'human' | 'invalid' | 'valid';

/** The effective TDMRep values for one resource, with every statement they came from. */
export interface TdmResult {
  reservation?: 0 | 1;
  policy?: string;
  /** The step the reservation came from. */
  reservationSource?: TdmSource;
  /** The step the policy came from. */
  policySource?: TdmSource;
  policyStatus: PolicyStatus;
  /** One `tdm` statement per step that carried a reservation; all but the winner have `supersededBy`. */
  statements: Statement[];
  diagnostics: TdmDiagnostic[];
}

function statementFor(step: TdmValue): Statement {
  const statement: Statement = {
    category: 'tdm',
    value: step.reservation === 1 ? 'disallow' : 'allow',
    source: step.source,
    scope: {},
    evidence: step.evidence,
    label: `tdm-reservation=${step.reservation}`,
  };
  if (step.policy !== undefined) statement.note = `tdm-policy: ${step.policy}`;
  return statement;
}

function lastWith<T>(steps: readonly TdmStep[], has: (s: TdmStep) => T | undefined): TdmStep | undefined {
  for (let i = steps.length - 1; i >= 0; i--) if (has(steps[i]!) !== undefined) return steps[i];
  return undefined;
}

function policyStatus(result: TdmResult, check: PolicyCheck | undefined): PolicyStatus {
  if (result.policy === undefined) return 'none';
  if (result.reservation !== 1) return 'ignored';
  if (!check) return 'not-fetched';
  if (check.status !== 'parsed') return check.status;
  return check.report.valid ? 'valid' : 'invalid';
}

function describe(step: TdmStep): string {
  return `${step.source} tdm-reservation=${step.reservation}`;
}

/**
 * The TDMRep cascade ("processing priority"): tdmrep.json, then headers, then embedded
 * metadata. In `spec` mode a later step overrides only the properties it
 * carries and absence resets nothing; in `conservative` mode a `1` anywhere
 * wins. Every overridden reservation stays in `statements` with
 * `supersededBy` naming the source that won. A policy's fetch or parse
 * outcome is reported in `policyStatus` and never changes the reservation.
 */
export function cascade(steps: TdmSteps, options: CascadeOptions = {}): TdmResult {
  const mode = options.mode ?? 'spec';
  assertArg(
    mode === 'spec' || mode === 'conservative',
    `mode must be 'spec' or 'conservative', got ${String(mode)}`,
  );
  const ordered = [steps.file, steps.header, steps.embedded].filter((s): s is TdmStep => s !== undefined);
  const diagnostics: TdmDiagnostic[] = [];
  const specWinner = lastWith(ordered, (s) => s.reservation);
  const reserved = lastWith(ordered, (s) => (s.reservation === 1 ? 1 : undefined));
  const winner = mode === 'conservative' && reserved ? reserved : specWinner;
  const policyStep = lastWith(ordered, (s) => s.policy);
  const result: TdmResult = { policyStatus: 'none', statements: [], diagnostics };
  if (winner) {
    result.reservation = winner.reservation!;
    result.reservationSource = winner.source;
  }
  if (policyStep) {
    result.policy = policyStep.policy!;
    result.policySource = policyStep.source;
  }
  for (const step of ordered) {
    if (step.reservation === undefined) continue;
    const statement = statementFor(step);
    if (step !== winner) {
      statement.supersededBy = winner!.source;
      if (step.reservation !== winner!.reservation) {
        diagnostics.push({
          code: 'tdmrep.superseded',
          severity: 'info',
          message: `${describe(step)} is overridden by ${describe(winner!)} (${mode} cascade)`,
        });
      }
    }
    result.statements.push(statement);
  }
  if (mode === 'conservative' && specWinner && winner !== specWinner) {
    diagnostics.push({
      code: 'tdmrep.conservative',
      severity: 'warning',
      message: `the spec cascade gives ${describe(specWinner)}; conservative mode keeps ${describe(winner!)}`,
    });
  }
  result.policyStatus = policyStatus(result, options.policy);
  if (result.policyStatus === 'ignored') {
    diagnostics.push({
      code: 'tdmrep.policy-ignored',
      severity: 'info',
      message: `tdm-policy ${result.policy} is not processed: the reservation is ${result.reservation ?? 'unset'}`,
    });
  }
  return result;
}
