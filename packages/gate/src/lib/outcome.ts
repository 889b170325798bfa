import { type DecisionError, decodeText } from '@optout/core';
import type { OriginFile, Retrieval } from './http.js';

/**
 * What a retrieval means for its signal, before any parsing:
 * - `parse`: a file to hand to the parser (robots: RFC 9309 "successful download").
 * - `absent`: no file. robots.txt: "unavailable", so no restrictions; other files say nothing.
 * - `failed`: robots.txt: "unreachable", so a complete disallow; other files: the source is unknown, with the error.
 * - `not-a-file`: an HTML page served with 2xx (soft 404): treated as absent, and reported.
 */
export type FileOutcome =
  | { kind: 'parse'; text: string; notes: string[] }
  | { kind: 'absent'; reason: string }
  | { kind: 'failed'; error: DecisionError }
  | { kind: 'not-a-file'; error: DecisionError };

/** How statuses are read where RFC 9309 leaves a choice. */
export interface OutcomeRules {
  /** robots.txt answered 401/403. */
  robotsAuthDenied: 'unavailable' | 'unreachable';
}

/** The signal each origin file feeds (used as `source` of errors). */
export const FILE_SOURCE: Record<OriginFile, 'robots' | 'tdmrep.file' | 'aitxt' | 'rsl'> = {
  robots: 'robots',
  tdmrep: 'tdmrep.file',
  aitxt: 'aitxt',
  'aitxt-wellknown': 'aitxt',
  rsl: 'rsl',
};

function looksLikeHtml(retrieval: Retrieval, text: string): boolean {
  const type = retrieval.headers['content-type']?.toLowerCase() ?? '';
  const head = text.trimStart().slice(0, 15).toLowerCase();
  const markup = head.startsWith('<!doctype html') || head.startsWith('<html');
  // A robots.txt mislabelled text/html is still parsed; markup in the body is what gives a page away.
  return markup || (type.includes('html') && head.startsWith('<'));
}

/**
 * The body as text: UTF-8 (a BOM skipped, invalid bytes as U+FFFD). Lenient:
 * a file saved as UTF-16 with a byte order mark is decoded as such, and noted.
 */
function decodeBody(bytes: Uint8Array): { text: string; notes: string[] } {
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : '';
  if (!utf16) return { text: decodeText(bytes).text, notes: [] };
  const text = new TextDecoder(utf16).decode(bytes.subarray(2));
  return {
    text,
    notes: [`${utf16.toUpperCase()} byte order mark: decoded as ${utf16.toUpperCase()}, not UTF-8`],
  };
}

function charsetNote(retrieval: Retrieval): string[] {
  const match = /charset\s*=\s*"?([^";\s]+)/i.exec(retrieval.headers['content-type'] ?? '');
  const charset = match?.[1]?.toLowerCase();
  if (!charset || charset === 'utf-8' || charset === 'utf8' || charset === 'us-ascii') return [];
  return [`declared charset ${charset} ignored: origin files are read as UTF-8`];
}

/**
 * Map a retrieval to its outcome (SIGNALS.md §0.5, RFC 9309 §2.3.1): the one
 * place where statuses and network errors get their meaning. 2xx: parse (an
 * HTML page is not a file); 4xx: absent (robots.txt 401/403 configurable);
 * 429, 5xx, other statuses, timeouts, DNS and connection errors, too many
 * redirects: failed. Parsers never see a status.
 */
export function outcomeOf(retrieval: Retrieval, rules: OutcomeRules): FileOutcome {
  const source = FILE_SOURCE[retrieval.file];
  const error = (code: string, message: string): DecisionError => ({
    source,
    code,
    message,
    url: retrieval.url,
  });
  if (retrieval.failure)
    return { kind: 'failed', error: error(retrieval.failure.code, retrieval.failure.message) };
  const status = retrieval.status ?? 0;
  if (status >= 200 && status < 300) {
    const decoded = decodeBody(retrieval.body ?? new Uint8Array());
    if (looksLikeHtml(retrieval, decoded.text)) {
      return {
        kind: 'not-a-file',
        error: error(
          'OPTOUT_ERR_NOT_A_FILE',
          `HTTP ${status} served an HTML page, not the file; read as absent`,
        ),
      };
    }
    const notes = [...decoded.notes, ...charsetNote(retrieval)];
    if (retrieval.truncated) notes.push(`cut after ${retrieval.bytes} bytes`);
    return { kind: 'parse', text: decoded.text, notes };
  }
  const authDenied = status === 401 || status === 403;
  if (status >= 400 && status < 500 && status !== 429) {
    if (retrieval.file === 'robots' && authDenied && rules.robotsAuthDenied === 'unreachable') {
      return {
        kind: 'failed',
        error: error('OPTOUT_ERR_FETCH_STATUS', `HTTP ${status}, read as unreachable`),
      };
    }
    return { kind: 'absent', reason: `HTTP ${status}` };
  }
  return { kind: 'failed', error: error('OPTOUT_ERR_FETCH_STATUS', `HTTP ${status}`) };
}
