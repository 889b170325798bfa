// Turning the occurrences of `tdm-reservation` / `tdm-policy` that one carrier
// holds (header lines, meta elements, XMP properties) into one step, with the
// same rules everywhere: only the exact tokens `0` and `1` are valid, the
// policy must be an absolute URL, and conflicting occurrences leave the
// property unset.

import type { Evidence } from '@optout/core';
import type { TdmDiagnostic, TdmReading, TdmSource, TdmStep, TdmValue } from './types.js';

/** One place a property was written. */
export interface Occurrence {
  property: 'reservation' | 'policy';
  /** The value as written (untrimmed). */
  value: string;
  evidence: Evidence;
}

/** How identical repeated occurrences are read. */
export type RepeatRule = 'unset' | 'accept';

const NAMES = { reservation: 'tdm-reservation', policy: 'tdm-policy' } as const;

// HTTP OWS and HTML "ASCII whitespace": a no-break space is not trimmed.
function trim(raw: string): string {
  return raw.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '');
}

// The reservation for an exact `0` or `1` after trimming, else undefined.
function reservationToken(raw: string): 0 | 1 | undefined {
  const value = trim(raw);
  return value === '1' ? 1 : value === '0' ? 0 : undefined;
}

/** True for an absolute URL (the spec requires one for `tdm-policy`). */
export function isAbsoluteUrl(raw: string): boolean {
  try {
    new URL(raw);
    return true;
  } catch {
    return false;
  }
}

function diag(
  code: string,
  severity: TdmDiagnostic['severity'],
  message: string,
  at: Occurrence,
): TdmDiagnostic {
  const out: TdmDiagnostic = { code, severity, message, raw: at.evidence.raw };
  if (at.evidence.line !== undefined) out.line = at.evidence.line;
  if (at.evidence.column !== undefined) out.column = at.evidence.column;
  return out;
}

// Pick the one occurrence of a property that counts, or none.
function single(
  list: Occurrence[],
  repeat: RepeatRule,
  diagnostics: TdmDiagnostic[],
): Occurrence | undefined {
  const first = list[0];
  if (!first || list.length === 1) return first;
  const name = NAMES[first.property];
  const same = list.every((o) => trim(o.value) === trim(first.value));
  const values = list.map((o) => JSON.stringify(trim(o.value))).join(', ');
  if (repeat === 'unset' || !same) {
    const why =
      repeat === 'unset'
        ? 'a field that allows one value is invalid when repeated, so it'
        : 'the values conflict, so it';
    diagnostics.push(
      diag(
        repeat === 'unset' ? 'tdmrep.multiple-values' : 'tdmrep.conflict',
        'warning',
        `${name} is given ${list.length} times (${values}); ${why} is treated as unset`,
        first,
      ),
    );
    return undefined;
  }
  diagnostics.push(
    diag('tdmrep.repeated', 'info', `${name} is given ${list.length} times with one value`, first),
  );
  return first;
}

function readReservation(at: Occurrence, diagnostics: TdmDiagnostic[]): 0 | 1 | undefined {
  const value = reservationToken(at.value);
  if (value !== undefined) return value;
  const empty = trim(at.value) === '';
  diagnostics.push(
    diag(
      empty ? 'tdmrep.empty-value' : 'tdmrep.invalid-value',
      'warning',
      empty
        ? 'tdm-reservation is empty; it is treated as unset'
        : `tdm-reservation must be exactly 0 or 1, got ${JSON.stringify(trim(at.value))}; it is treated as unset`,
      at,
    ),
  );
  return undefined;
}

function readPolicy(at: Occurrence, diagnostics: TdmDiagnostic[]): string | undefined {
  const value = trim(at.value);
  if (isAbsoluteUrl(value)) return value;
  diagnostics.push(
    diag(
      'tdmrep.invalid-policy',
      'warning',
      `tdm-policy must be an absolute URL, got ${JSON.stringify(value)}; it is ignored`,
      at,
    ),
  );
  return undefined;
}

/** Settle the occurrences found in one carrier into a reading. */
export function settle(source: TdmSource, occurrences: Occurrence[], repeat: RepeatRule): TdmReading {
  const diagnostics: TdmDiagnostic[] = [];
  const of = (property: Occurrence['property']) => occurrences.filter((o) => o.property === property);
  const reservationAt = single(of('reservation'), repeat, diagnostics);
  const policyAt = single(of('policy'), repeat, diagnostics);
  const reservation = reservationAt && readReservation(reservationAt, diagnostics);
  const policy = policyAt && readPolicy(policyAt, diagnostics);
  if (reservation !== undefined) {
    const value: TdmValue = { reservation, source, evidence: reservationAt!.evidence };
    if (policy !== undefined) {
      value.policy = policy;
      value.policyEvidence = policyAt!.evidence;
    }
    return { value, diagnostics };
  }
  if (policy === undefined) return { diagnostics };
  const value: TdmStep = { policy, source, evidence: policyAt!.evidence };
  return { value, diagnostics };
}
