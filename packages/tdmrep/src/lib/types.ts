import type { Diagnostic, Evidence } from '@optout/core';

/** The TDMRep carriers, as core `Source` names. */
export type TdmSource =
  | 'tdmrep.file'
  | 'tdmrep.header'
  | 'tdmrep.html'
  | 'tdmrep.epub'
  | 'tdmrep.pdf'
  | 'tdmrep.xmp';

/** A diagnostic that may point into a JSON document (RFC 6901 JSON Pointer). */
export interface TdmDiagnostic extends Diagnostic {
  pointer?: string;
}

/** What every TDMRep step has: where it came from and where it was read. */
export interface TdmStepBase {
  reservation?: 0 | 1;
  policy?: string;
  source: TdmSource;
  /** Where the reservation was read (or the policy, for a policy-only step). */
  evidence: Evidence;
  /** Where the policy was read, when that is another place (another header line, another meta). */
  policyEvidence?: Evidence;
}

/** A step that carries a reservation (a tdmrep.json rule always does), and maybe a policy. */
export interface TdmValue extends TdmStepBase {
  reservation: 0 | 1;
}

/** A step that carries only `tdm-policy`: it replaces an earlier policy and leaves the reservation alone. */
export interface TdmPolicyOnly extends TdmStepBase {
  reservation?: undefined;
  policy: string;
}

/**
 * What one TDMRep carrier says. Each step of the cascade overrides only the
 * properties it carries, so a step may carry the reservation, the policy, or both.
 */
export type TdmStep = TdmValue | TdmPolicyOnly;

/** What a reader of one carrier (headers, HTML, EPUB, PDF, XMP) found. */
export interface TdmReading {
  /** Absent when the carrier says nothing usable. */
  value?: TdmStep;
  diagnostics: TdmDiagnostic[];
}
