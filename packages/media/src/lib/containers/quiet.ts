import { DiagnosticList } from '../diagnostics.js';
import { DEFAULT_LIMITS } from '../limits.js';
import type { ReadContext } from './types.js';

/** A context that drops its diagnostics: for probing a prefix that may simply be incomplete. */
export function quietContext(): ReadContext {
  return { limits: DEFAULT_LIMITS, diagnostics: new DiagnosticList(0) };
}
