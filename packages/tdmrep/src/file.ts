// tdmrep.json and the TDMRep cascade alone, without the EPUB, PDF and XMP
// readers (xmldom, fflate): what a consumer that reads origin files loads.
export {
  type CascadeOptions,
  cascade,
  type PolicyCheck,
  type PolicyStatus,
  type TdmResult,
  type TdmSteps,
} from './lib/cascade.js';
export {
  parseTdmrepFile,
  type TdmMatch,
  type TdmRule,
  type TdmrepFile,
  type TdmrepFileOptions,
} from './lib/file.js';
export type { TdmDiagnostic, TdmSource, TdmStep, TdmValue } from './lib/types.js';
