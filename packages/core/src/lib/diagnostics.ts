/** How serious a diagnostic is: errors mean the input is broken, warnings that it is probably wrong. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * A finding about an input, for the people who wrote it. Parsers return these
 * instead of throwing. `code` is a stable identifier (`robots.typo`,
 * `tdmrep.invalid-value`, ...); `message` is for humans and may change.
 */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  line?: number;
  column?: number;
  /** The offending text, when there is one. */
  raw?: string;
}
