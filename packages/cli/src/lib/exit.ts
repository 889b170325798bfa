/**
 * Exit codes of every `optout` command, documented in the README and `--help`
 * (the convention of google/robotstxt's `robots_main`).
 */
export const EXIT = {
  /** Allowed; no errors found. */
  ok: 0,
  /** Disallowed (check) or errors found in the inputs (lint). */
  negative: 1,
  /** Usage error or unreadable input: nothing was decided. */
  usage: 2,
  /** A network fetch failed (online commands). */
  fetch: 3,
} as const;

/** A problem with the command line or its input files: reported on stderr, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
