import { assertArg } from '@optout/core';

/** Options of `parseRobots`. */
export interface RobotsOptions {
  /** The robots.txt URL: put into `evidence.url` of statements, and the base for relative sitemaps. */
  url?: string;
  /** Bytes (code units for a string) parsed; the rest is cut with a diagnostic. Default 512,000 (500 KiB, RFC 9309 section 2.5). */
  maxBytes?: number;
  /** Characters of a line read; the rest of the line is ignored with a diagnostic. Default 16,664 (8 × 2,083, the Google reference's cap). */
  maxLineLength?: number;
  /**
   * How `Content-Usage` / `Content-Signal` lines group. `'rule'` (default): they close a
   * run of user-agent lines, as draft-ietf-aipref-attach-05 section 3 says. `'unknown'`:
   * they are unknown lines that close nothing (the Google reference's reading).
   */
  aiLines?: 'rule' | 'unknown';
  /**
   * Whether a Disallow for a training-class or control token is reported as a `train-ai`
   * disallow: `'vendor'` (default, scoped to that token and the crawlers it governs),
   * `'any-training-token'` (binding everyone), or `'none'`.
   */
  robotsInference?: 'none' | 'vendor' | 'any-training-token';
  /** Accept the Google reference's tolerances (typos, missing colon, `index.html`). Default true. */
  lenient?: boolean;
}

/** Options with defaults applied. */
export type ResolvedOptions = Required<Omit<RobotsOptions, 'url'>> & { url: string | undefined };

const positiveInteger = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value > 0;

/** Check options (a programmer error throws `OPTOUT_ERR_INVALID_ARG`) and fill in defaults. */
export function resolveOptions(options: RobotsOptions = {}): ResolvedOptions {
  assertArg(typeof options === 'object' && options !== null, 'parseRobots: options must be an object');
  const { url, maxBytes = 512_000, maxLineLength = 16_664, aiLines = 'rule' } = options;
  const { robotsInference = 'vendor', lenient = true } = options;
  assertArg(url === undefined || typeof url === 'string', 'parseRobots: url must be a string');
  assertArg(positiveInteger(maxBytes), 'parseRobots: maxBytes must be a positive integer');
  assertArg(positiveInteger(maxLineLength), 'parseRobots: maxLineLength must be a positive integer');
  assertArg(aiLines === 'rule' || aiLines === 'unknown', "parseRobots: aiLines must be 'rule' or 'unknown'");
  assertArg(
    robotsInference === 'none' || robotsInference === 'vendor' || robotsInference === 'any-training-token',
    "parseRobots: robotsInference must be 'none', 'vendor' or 'any-training-token'",
  );
  assertArg(typeof lenient === 'boolean', 'parseRobots: lenient must be a boolean');
  return { url, maxBytes, maxLineLength, aiLines, robotsInference, lenient };
}
