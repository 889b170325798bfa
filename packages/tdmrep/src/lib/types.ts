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

/**
 * What one TDMRep carrier says: `tdm-reservation` (when it carries one) and
 * `tdm-policy` (when it carries one). Each step of the cascade overrides only
 * the properties it carries, so both are optional here.
 */
export interface TdmStep {
  reservation?: 0 | 1;
  policy?: string;
  source: TdmSource;
  /** Where the reservation was read (or the policy, for a policy-only step). */
  evidence: Evidence;
  /** Where the policy was read, when that is another place (another header line, another meta). */
  policyEvidence?: Evidence;
}

/** A step that carries a reservation (a tdmrep.json rule always does). */
export interface TdmValue extends TdmStep {
  reservation: 0 | 1;
}

/** A step that carries only `tdm-policy`: it replaces an earlier policy and leaves the reservation alone. */
export interface TdmPolicyOnly extends TdmStep {
  reservation?: undefined;
  policy: string;
}

/** What a reader of one carrier (headers, HTML, EPUB, PDF, XMP) found. */
export interface TdmReading {
  /** Absent when the carrier says nothing usable. */
  value?: TdmStep;
  diagnostics: TdmDiagnostic[];
}
