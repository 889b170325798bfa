import { normalizePattern } from './path.js';

/**
 * A compiled RFC 9309 path pattern: `*` matches any sequence, a final `$`
 * anchors the end, anything else is a prefix match. Compiled once, matched
 * without allocating.
 */
export interface PathPattern {
  /** The pattern as written. */
  readonly source: string;
  /** The normalised pattern. */
  readonly normalized: string;
  /** Specificity: octets of the normalised pattern (RFC 9309 section 2.2.2). */
  readonly length: number;
  /** Literal pieces between the `*`s. */
  readonly pieces: readonly string[];
  /** Ends with `$`. */
  readonly anchored: boolean;
}

/** Compile a path pattern. The pattern is normalised with `normalizePattern`. */
export function compilePattern(source: string): PathPattern {
  const normalized = normalizePattern(source);
  const anchored = normalized.endsWith('$');
  const body = anchored ? normalized.slice(0, -1) : normalized;
  // Runs of `*` mean the same as one; collapsing them keeps the piece list short.
  const pieces = body.split('*').filter((piece, i, all) => piece !== '' || i === 0 || i === all.length - 1);
  return { source, normalized, length: normalized.length, pieces, anchored };
}

/**
 * Does the pattern match the target (a path and query already normalised with
 * `normalizeTarget`)?
 *
 * Both are written by strangers, so the cost must stay bounded: pieces are
 * found left to right, each at its leftmost place, which is exact for patterns
 * whose only wildcard is `*` and costs at most one scan of the target per
 * piece. There is no backtracking and no regular expression.
 */
export function matchesPattern(pattern: PathPattern, target: string): boolean {
  const pieces = pattern.pieces;
  const first = pieces[0]!;
  if (pieces.length === 1) return pattern.anchored ? target === first : target.startsWith(first);
  if (!target.startsWith(first)) return false;
  let at = first.length;
  const last = pieces.length - 1;
  for (let i = 1; i < last; i++) {
    const piece = pieces[i]!;
    const found = target.indexOf(piece, at);
    if (found < 0) return false;
    at = found + piece.length;
  }
  const tail = pieces[last]!;
  if (pattern.anchored) return target.length - tail.length >= at && target.endsWith(tail);
  return tail === '' || target.indexOf(tail, at) >= 0;
}
