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
  return tailMatches(pattern, target, at);
}

function tailMatches(pattern: PathPattern, target: string, at: number): boolean {
  return tailFound(pattern.pieces[pattern.pieces.length - 1]!, pattern.anchored, target, at);
}

// The last piece: at the very end for an anchored pattern, anywhere from `at` otherwise.
function tailFound(tail: string, anchored: boolean, target: string, at: number): boolean {
  if (anchored) return target.length - tail.length >= at && target.endsWith(tail);
  return tail === '' || target.indexOf(tail, at) >= 0;
}

/**
 * A 32-bit summary of the characters in `text`: one bit per code modulo 32.
 * A pattern can only match a target whose mask covers the mask of the
 * pattern's literal characters.
 */
export function charMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) mask |= 1 << (text.charCodeAt(i) & 31);
  return mask;
}

// Below this many patterns a plain scan is as fast as filing them by prefix.
const FILING_THRESHOLD = 32;
const NONE = new Int32Array(0);
// The head of a pattern whose literal prefix is too short to have one: any target may match.
const ANY_HEAD = -1;
// How a pattern is matched: by its first piece alone (a plain prefix, or an
// exact path with `$`), by its first and last piece (one `*`, the last piece
// anywhere after the first or, with `$`, at the end), or piece by piece.
const PREFIX = 0;
const EXACT = 1;
const PAIR = 2;
const PAIR_AT_END = 3;
const PIECES = 4;
// Words per pattern in `PatternSet.filters`: mask, head, how to match.
const STRIDE = 3;

function matchKind({ pieces, anchored }: PathPattern): number {
  if (pieces.length === 1) return anchored ? EXACT : PREFIX;
  if (pieces.length === 2) return anchored ? PAIR_AT_END : PAIR;
  return PIECES;
}

/**
 * The 2nd and 3rd characters of a path (the 1st is `/`), which a pattern's
 * literal prefix and a matching target share. Both are normalised, so ASCII:
 * the key is a non-negative int32.
 */
function prefixKey(text: string): number {
  return (text.charCodeAt(1) << 16) | text.charCodeAt(2);
}

/**
 * Patterns compiled together so one target is checked against all of them
 * cheaply: a character mask rejects most non-matching patterns with one AND,
 * and patterns that begin with the same pieces share the work of finding
 * them (the greedy position after a run of pieces depends only on those
 * pieces), so a crafted file of thousands of long wildcard rules costs each
 * shared piece one search.
 *
 * Each pattern's mask, the head of its literal prefix (the 2nd and 3rd
 * characters) and how it is matched sit side by side in one array, and the
 * first and last pieces in two others: rejecting a pattern reads no pattern
 * object, and matching one with at most one `*` reads only its pieces. With
 * the policies of many origins in memory, that is what keeps a check out of
 * cache misses.
 * Large sets are also filed by head, so a check visits only the patterns
 * that could match. Nothing is allocated per check.
 */
export class PatternSet {
  readonly patterns: readonly PathPattern[];
  /** Per pattern, STRIDE words: the character mask of its literal pieces, its head (or ANY_HEAD), its match kind. */
  private readonly filters: number[];
  /** Per pattern: its first piece. */
  private readonly firsts: string[];
  /** Per pattern: its last piece when it has two, else ''. */
  private readonly seconds: string[];
  /** Per pattern, per piece: the id of the run of pieces that ends there. */
  private readonly runIds: readonly (readonly number[])[];
  /** Per run id: the target position after it (-1: not found), valid when its stamp is the current epoch. */
  private readonly positions: Int32Array;
  private readonly stamps: Uint32Array;
  private epoch = 0;
  /**
   * Large sets only: pattern indexes (ascending) by the 2nd and 3rd character
   * of their literal prefix, which a matching target must share, and the
   * patterns whose prefix is too short to be filed that way.
   */
  private readonly byPrefix?: Map<number, Int32Array>;
  private readonly unfiled?: Int32Array;

  constructor(patterns: readonly PathPattern[]) {
    this.patterns = patterns;
    if (patterns.length > FILING_THRESHOLD) {
      const filed = new Map<number, number[]>();
      const unfiled: number[] = [];
      patterns.forEach((pattern, index) => {
        const prefix = pattern.pieces[0]!;
        if (prefix.length < 3) unfiled.push(index);
        else {
          const key = prefixKey(prefix);
          const list = filed.get(key);
          if (list) list.push(index);
          else filed.set(key, [index]);
        }
      });
      this.byPrefix = new Map([...filed].map(([key, list]) => [key, Int32Array.from(list)]));
      this.unfiled = Int32Array.from(unfiled);
    }
    this.filters = patterns.flatMap((pattern) => [
      pattern.pieces.reduce((mask, piece) => mask | charMask(piece), 0),
      pattern.pieces[0]!.length >= 3 ? prefixKey(pattern.pieces[0]!) : ANY_HEAD,
      matchKind(pattern),
    ]);
    this.firsts = patterns.map((pattern) => pattern.pieces[0]!);
    this.seconds = patterns.map((pattern) => (pattern.pieces.length === 2 ? pattern.pieces[1]! : ''));
    const runs = new Map<string, number>();
    this.runIds = patterns.map((pattern) => {
      // A run is named by the id of the run before it plus its last piece, so keys stay short.
      let parent = -1;
      return pattern.pieces.map((piece) => {
        const key = parent + '\u0000' + piece;
        const id = runs.get(key) ?? runs.size;
        if (id === runs.size) runs.set(key, id);
        parent = id;
        return id;
      });
    });
    this.positions = new Int32Array(runs.size);
    this.stamps = new Uint32Array(runs.size);
  }

  /**
   * The index of the first pattern, in the set's order, that matches the
   * normalised target; -1 if none. `mask` is the target's `charMask`, for a
   * caller that has it already.
   */
  firstMatch(target: string, mask = charMask(target)): number {
    const patterns = this.patterns;
    if (patterns.length === 0) return -1;
    this.epoch = (this.epoch + 1) >>> 0 || 1;
    const missing = ~mask;
    if (!this.byPrefix) {
      // A target too short to have a head gets one no pattern has: only ANY_HEAD patterns stay candidates.
      const head = target.length >= 3 ? prefixKey(target) : ANY_HEAD - 1;
      const filters = this.filters;
      for (let i = 0; i < patterns.length; i++) {
        const patternHead = filters[STRIDE * i + 1]!;
        if (
          (filters[STRIDE * i]! & missing) === 0 &&
          (patternHead === ANY_HEAD || patternHead === head) &&
          this.matches(i, target)
        )
          return i;
      }
      return -1;
    }
    // Walk the filed and unfiled candidates together, in index order, so the first match is still the answer.
    const filed = (target.length >= 3 && this.byPrefix.get(prefixKey(target))) || NONE;
    const unfiled = this.unfiled!;
    let a = 0;
    let b = 0;
    while (a < filed.length || b < unfiled.length) {
      const i =
        b >= unfiled.length || (a < filed.length && filed[a]! < unfiled[b]!) ? filed[a++]! : unfiled[b++]!;
      if ((this.filters[STRIDE * i]! & missing) === 0 && this.matches(i, target)) return i;
    }
    return -1;
  }

  // `matchesPattern`, with each run of leading pieces looked up once per target.
  private matches(index: number, target: string): boolean {
    const kind = this.filters[STRIDE * index + 2];
    if (kind === EXACT) return target === this.firsts[index];
    if (kind !== PIECES) {
      const first = this.firsts[index]!;
      if (!target.startsWith(first)) return false;
      return kind === PREFIX || tailFound(this.seconds[index]!, kind === PAIR_AT_END, target, first.length);
    }
    const pattern = this.patterns[index]!;
    const pieces = pattern.pieces;
    const ids = this.runIds[index]!;
    const last = pieces.length - 1;
    // Usually another pattern already walked the whole run before the tail: start there.
    const whole = ids[last - 1]!;
    if (this.stamps[whole] === this.epoch) {
      const at = this.positions[whole]!;
      return at >= 0 && tailMatches(pattern, target, at);
    }
    let at = 0;
    for (let i = 0; i < last; i++) {
      const id = ids[i]!;
      if (this.stamps[id] === this.epoch) {
        at = this.positions[id]!;
      } else {
        const piece = pieces[i]!;
        const found = i === 0 ? (target.startsWith(piece) ? 0 : -1) : target.indexOf(piece, at);
        at = found < 0 ? -1 : found + piece.length;
        this.stamps[id] = this.epoch;
        this.positions[id] = at;
      }
      if (at < 0) return false;
    }
    return tailMatches(pattern, target, at);
  }
}
