import { assertArg, type Diagnostic, type Statement } from '@optout/core';

/** What each reader returns. */
export interface Reading {
  statements: Statement[];
  diagnostics: Diagnostic[];
}

/** Choices for reading page-level signals. Every default is the reading the docs describe. */
export interface PageOptions {
  /**
   * Read `noindex` / `noimageindex` (and `none`) as AI opt-outs, as img2dataset does.
   * Default false: they are about search indexing (SIGNALS §7.2).
   */
  noindexIsOptOut?: boolean;
  /**
   * Read `noai` as an `ai-input` opt-out too, not only `train-ai` (SIGNALS §7.2
   * "conservatively also ai-input"). Default true.
   */
  noaiCoversAiInput?: boolean;
  /**
   * Map aipref labels of earlier drafts (`ai`, `tdm`, `train-genai`, ...) in
   * `Content-Usage` onto categories, flagged. Default false: vocab-07 ignores them (warned).
   */
  legacyLabels?: boolean;
  /** Bytes of HTML read at most when no `</head>` is found earlier. Default 512 KiB. */
  maxHtmlBytes?: number;
}

/** Options with defaults filled in. */
export type ResolvedPageOptions = Required<PageOptions>;

/** Fill in defaults and reject options that cannot be right. */
export function resolveOptions(options: PageOptions = {}): ResolvedPageOptions {
  assertArg(typeof options === 'object' && options !== null, 'options must be an object');
  const maxHtmlBytes = options.maxHtmlBytes ?? 512 * 1024;
  assertArg(Number.isInteger(maxHtmlBytes) && maxHtmlBytes > 0, 'maxHtmlBytes must be a positive integer');
  return {
    noindexIsOptOut: options.noindexIsOptOut ?? false,
    noaiCoversAiInput: options.noaiCoversAiInput ?? true,
    legacyLabels: options.legacyLabels ?? false,
    maxHtmlBytes,
  };
}
