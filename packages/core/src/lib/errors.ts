/** Stable codes of the errors optout throws. Match on `error.code`. */
export type OptoutErrorCode =
  | 'OPTOUT_ERR_INVALID_ARG'
  | 'OPTOUT_ERR_INVALID_URL'
  | 'OPTOUT_ERR_FETCH'
  | 'OPTOUT_ERR_FETCH_TIMEOUT'
  | 'OPTOUT_ERR_FETCH_STATUS'
  | 'OPTOUT_ERR_BODY_TOO_LARGE'
  | 'OPTOUT_ERR_DISALLOWED'
  | 'OPTOUT_ERR_STORE';

const kOptoutError = Symbol.for('optout.error');

/**
 * Base of every error optout throws. Parsers never throw on bad input: they
 * report diagnostics. Errors are for programmer mistakes (bad options) and for
 * I/O in `gate`. `instanceof` works across duplicate installs.
 */
export class OptoutError extends Error {
  readonly code: OptoutErrorCode;
  readonly [kOptoutError] = true;

  constructor(code: OptoutErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OptoutError';
    this.code = code;
  }

  static override [Symbol.hasInstance](instance: unknown): boolean {
    // Subclasses keep the ordinary prototype check; the base class recognises
    // errors from another copy of this package by their brand.
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class the check was called on.
    if (this !== OptoutError) return Function.prototype[Symbol.hasInstance].call(this, instance);
    return typeof instance === 'object' && instance !== null && kOptoutError in instance;
  }
}

/** Throw an `OPTOUT_ERR_INVALID_ARG` error unless `condition` holds. */
export function assertArg(condition: unknown, message: string): asserts condition {
  if (!condition) throw new OptoutError('OPTOUT_ERR_INVALID_ARG', message);
}
