import { type Decision, OptoutError } from '@optout/core';

/**
 * A request refused because the gate disallowed its URL (code
 * `OPTOUT_ERR_DISALLOWED`). Carries the decision, with the statement that
 * decided it first.
 */
export class DisallowedError extends OptoutError {
  readonly decision: Decision;
  readonly url: string;

  constructor(decision: Decision) {
    const deciding = decision.statements.find((s) => s.role === 'deciding');
    const why = deciding
      ? ` by ${deciding.source}${deciding.evidence.line ? ` line ${deciding.evidence.line}` : ''}`
      : '';
    super(
      'OPTOUT_ERR_DISALLOWED',
      `${decision.url} is disallowed for ${decision.agent} (${decision.purpose})${why}`,
    );
    this.name = 'DisallowedError';
    this.decision = decision;
    this.url = decision.url;
  }
}
