export { type ContentSignalValue, parseContentSignal, readContentSignal } from './lib/content-signal.js';
export { readContentUsage, readUsagePreferences } from './lib/content-usage.js';
export { type Directive, parseDirectives } from './lib/directives.js';
export { type HtmlReading, htmlHead, readHtml } from './lib/html.js';
export { type Link, type PageLinks, parseLinkHeader, readLinkHeaders } from './lib/links.js';
export type { PageOptions, Reading } from './lib/options.js';
export { type PageInput, type PageSignals, readPage } from './lib/page.js';
export type { RobotsReading } from './lib/robots-signals.js';
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
export { isImageType, type ResponseInfo, readXRobotsTag } from './lib/x-robots-tag.js';
