export * from './file.js';
export {
  readEpub,
  readOpf,
  type TdmEpubOptions,
  type TdmEpubReading,
  type TdmOpfOptions,
} from './lib/epub.js';
export { readTdmHeaders, type TdmHeaderOptions } from './lib/headers.js';
export { readTdmHtml, type TdmHtmlOptions } from './lib/html.js';
export { readPdf, type TdmPdfOptions } from './lib/pdf.js';
export {
  type PolicyConstraint,
  type PolicyContact,
  type PolicyOptions,
  type PolicyPermission,
  type PolicyReport,
  type PolicySummary,
  parsePolicy,
  policyKind,
} from './lib/policy.js';
export type {
  TdmDiagnostic,
  TdmPolicyOnly,
  TdmReading,
  TdmSource,
  TdmStep,
  TdmStepBase,
  TdmValue,
} from './lib/types.js';
export { readXmpTdm, TDMREP_HASH_NS, TDMREP_XMP_NS, type TdmXmpOptions } from './lib/xmp.js';
