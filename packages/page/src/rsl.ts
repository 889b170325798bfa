// RSL licence documents alone, without the HTML reader (cheerio): what a
// consumer that only reads licences loads.
export {
  parseRsl,
  RSL_NAMESPACE,
  type RslContent,
  type RslDocument,
  type RslLicense,
  type RslMatch,
  type RslOptions,
  type RslTerm,
  type RslTerms,
  rslTerms,
} from './lib/rsl.js';
