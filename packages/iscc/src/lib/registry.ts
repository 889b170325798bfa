// A registry of opt-out declarations indexed by ISCC: exact lookups of the
// declared code and per-unit Hamming-distance queries on the 64-bit unit
// prefixes (one multi-index-hashing table per unit type).
import { assertArg, type Diagnostic } from '@optout/core';
import { type DecodedIscc, encodeBase32, isccDecode, MainType, splitUnits, typeName } from './codec.js';
import { type Declaration, parseDeclarationLine } from './declarations.js';
import { HammingIndex } from './hamming-index.js';
import { xxh32 } from './hash.js';

/** Unit MainTypes that can be matched by similarity. */
export type UnitKind = 'META' | 'SEMANTIC' | 'CONTENT' | 'DATA' | 'INSTANCE';

/**
 * Default largest Hamming distance (of 64 bits) at which a unit still
 * matches. Measured in test/similarity.test.ts: re-encoded and resized images
 * and lightly edited texts stay at or below 8 on their Content-Code, unrelated
 * inputs average 32; 10 is CommonsDB's cut-off. Meta-Codes are not matched
 * unless asked for (a title alone is weak evidence); Instance-Codes only exactly.
 */
export const DEFAULT_THRESHOLDS: Readonly<Partial<Record<UnitKind, number>>> = {
  CONTENT: 10,
  SEMANTIC: 10,
  DATA: 10,
  INSTANCE: 0,
};

/** Options of a registry query. */
export interface MatchOptions {
  /** Per unit type, the largest distance that matches; types left out (or `undefined`) are not compared. */
  thresholds?: Partial<Record<UnitKind, number | undefined>>;
  /** At most this many matches, best first (default 100). */
  limit?: number;
}

/** One unit of the query that matched a unit of a declared code. */
export interface UnitMatch {
  /** Unit type, e.g. `CONTENT-IMAGE`, `DATA`. */
  unit: string;
  /** Differing bits among the first 64 of both units. */
  distance: number;
}

/** A declaration that matched a query. */
export interface IsccMatch {
  declaration: Declaration;
  /** The query is exactly the declared code. */
  exact: boolean;
  /** Smallest unit distance (0 for exact). */
  distance: number;
  /** Units that matched, closest first. */
  units: UnitMatch[];
  /** Where the registry was read from (`RegistryOptions.url`). */
  registry?: string;
  /**
   * The `id` (or line) of a later declaration by the same declarer that
   * updates, supersedes or revokes this one; its statements then never decide.
   */
  supersededBy?: string;
}

/** Options of a registry. */
export interface RegistryOptions {
  /** URL or path the declarations came from; carried into statements as evidence. */
  url?: string;
}

interface Unit {
  key: string;
  kind: UnitKind;
  hi: number;
  lo: number;
}

const KINDS: UnitKind[] = ['META', 'SEMANTIC', 'CONTENT', 'DATA', 'INSTANCE'];

/** The 64-bit prefixes of the units of a decoded ISCC-CODE or unit (units shorter than 64 bits are left out). */
function unitsOf(decoded: DecodedIscc): Unit[] {
  const units: Unit[] = [];
  for (const { mainType, subType, bits, body } of splitUnits(decoded.raw) ?? []) {
    if (bits < 64 || mainType > MainType.INSTANCE) continue;
    units.push({
      key: typeName(mainType, subType),
      kind: KINDS[mainType]!,
      hi: ((body[0]! << 24) | (body[1]! << 16) | (body[2]! << 8) | body[3]!) >>> 0,
      lo: ((body[4]! << 24) | (body[5]! << 16) | (body[6]! << 8) | body[7]!) >>> 0,
    });
  }
  return units;
}

/**
 * Opt-out declarations indexed for lookups by ISCC. Keeps each declaration's
 * raw line and parses it again only when it matches, so memory per
 * declaration is its line plus ~60 bytes per indexed unit and a 4-byte code hash.
 */
export class IsccRegistry {
  private readonly lines: string[] = [];
  private readonly lineNumbers: number[] = [];
  /** xxHash32 of each declared code's bytes: exact-lookup candidates are re-parsed only when it agrees. */
  private codeHashes = new Uint32Array(1024);
  /** Exact-code lookup for the rare declared codes with no unit of 64 bits or more to index. */
  private readonly unindexed = new Map<string, number[]>();
  private readonly indexes = new Map<string, HammingIndex>();
  /** Declaration id → numbers of the declarations that update, supersede or revoke it. */
  private readonly replacements = new Map<string, number[]>();
  readonly url: string | undefined;

  constructor(options: RegistryOptions = {}) {
    this.url = options.url;
  }

  /** Number of declarations loaded. */
  get size(): number {
    return this.lines.length;
  }

  /** Load JSONL text or lines; returns the diagnostics (with line numbers) of skipped or doubtful lines. */
  load(input: string | Iterable<string>, firstLine = 1): Diagnostic[] {
    const lines = typeof input === 'string' ? input.split(/\r?\n/) : input;
    const diagnostics: Diagnostic[] = [];
    let line = firstLine;
    for (const raw of lines) diagnostics.push(...this.addLine(raw, line++));
    return diagnostics;
  }

  /** Add one JSONL line (`line` is its 1-based number in the source). */
  addLine(raw: string, line: number): Diagnostic[] {
    const { declaration, diagnostics } = parseDeclarationLine(raw, line);
    if (declaration) this.add(declaration);
    return diagnostics;
  }

  /** Add a parsed declaration. */
  add(declaration: Declaration): void {
    const id = this.lines.length;
    this.lines.push(declaration.raw);
    this.lineNumbers.push(declaration.line);
    const decoded = isccDecode(declaration.iscc);
    if (id === this.codeHashes.length) {
      const bigger = new Uint32Array(id * 2);
      bigger.set(this.codeHashes);
      this.codeHashes = bigger;
    }
    this.codeHashes[id] = xxh32(decoded.raw);
    if (declaration.reference && declaration.intent && declaration.intent !== 'activate') {
      const list = this.replacements.get(declaration.reference) ?? [];
      list.push(id);
      this.replacements.set(declaration.reference, list);
    }
    const units = unitsOf(decoded);
    for (const unit of units) {
      const index = this.indexes.get(unit.key) ?? new HammingIndex();
      this.indexes.set(unit.key, index);
      index.add(unit.hi, unit.lo, id);
    }
    if (units.length === 0)
      this.unindexed.set(declaration.iscc, [...(this.unindexed.get(declaration.iscc) ?? []), id]);
  }

  /**
   * Declarations of exactly this code. No map of code strings is kept: the
   * code's last unit (the Instance-Code of an ISCC-CODE) is looked up at
   * distance 0 and the few candidates are compared by their declared code.
   */
  private exactMatches(decoded: DecodedIscc, canonical: string): number[] {
    const last = unitsOf(decoded).at(-1);
    if (!last) return this.unindexed.get(canonical) ?? [];
    const ids: number[] = [];
    const hash = xxh32(decoded.raw);
    this.indexes.get(last.key)?.search(last.hi, last.lo, 0, (id) => {
      if (this.codeHashes[id] === hash && this.declaration(id).iscc === canonical) ids.push(id);
    });
    return ids;
  }

  /** The declaration with this number (0-based, in load order). */
  declaration(id: number): Declaration {
    const parsed = parseDeclarationLine(this.lines[id]!, this.lineNumbers[id]!);
    return parsed.declaration!;
  }

  /** Build every index now rather than at the first query. */
  build(): void {
    for (const index of this.indexes.values()) index.build();
  }

  /**
   * Declarations matching an ISCC-CODE or ISCC-UNIT(s): the exact code, and
   * every declared code with a unit of the same type within the threshold.
   * Best first: exact, then most units matched, then smallest total distance.
   * Throws `OPTOUT_ERR_INVALID_ARG` for a code that is not an ISCC or a threshold outside 0–64.
   */
  match(code: string | readonly string[], options: MatchOptions = {}): IsccMatch[] {
    return this.query(code, options, false);
  }

  /** The same answers as `match`, by a linear scan of every unit (the baseline for benchmarks and tests). */
  matchByScan(code: string | readonly string[], options: MatchOptions = {}): IsccMatch[] {
    return this.query(code, options, true);
  }

  /** The best match, if any. */
  nearest(code: string | readonly string[], options: MatchOptions = {}): IsccMatch | undefined {
    return this.match(code, { ...options, limit: 1 })[0];
  }

  private query(code: string | readonly string[], options: MatchOptions, scan: boolean): IsccMatch[] {
    const codes = typeof code === 'string' ? [code] : code;
    const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
    for (const [kind, value] of Object.entries(thresholds)) {
      assertArg(
        value === undefined || (Number.isInteger(value) && value >= 0 && value <= 64),
        `bad ${kind} threshold`,
      );
    }
    const found = new Map<number, { exact: boolean; units: UnitMatch[] }>();
    const entry = (id: number) => {
      const hit = found.get(id) ?? { exact: false, units: [] };
      found.set(id, hit);
      return hit;
    };
    for (const one of codes) {
      const decoded = isccDecode(one);
      for (const id of this.exactMatches(decoded, `ISCC:${encodeBase32(decoded.raw)}`))
        entry(id).exact = true;
      for (const unit of unitsOf(decoded)) {
        const threshold = thresholds[unit.kind];
        const index = this.indexes.get(unit.key);
        if (threshold === undefined || !index) continue;
        const visit = (id: number, distance: number) => entry(id).units.push({ unit: unit.key, distance });
        if (scan) index.scan(unit.hi, unit.lo, threshold, visit);
        else index.search(unit.hi, unit.lo, threshold, visit);
      }
    }
    const ranked = [...found].map(([id, hit]) => ({
      id,
      ...hit,
      total: hit.units.reduce((n, u) => n + u.distance, 0),
    }));
    ranked.sort(
      (a, b) =>
        Number(b.exact) - Number(a.exact) ||
        b.units.length - a.units.length ||
        a.total - b.total ||
        a.id - b.id,
    );
    return ranked.slice(0, options.limit ?? 100).map(({ id, exact, units }) => {
      units.sort((a, b) => a.distance - b.distance);
      const declaration = this.declaration(id);
      const supersededBy = this.replacementOf(declaration);
      return {
        declaration,
        exact,
        distance: exact ? 0 : (units[0]?.distance ?? 0),
        units,
        ...(this.url ? { registry: this.url } : {}),
        ...(supersededBy ? { supersededBy } : {}),
      };
    });
  }

  /** A later declaration by the same declarer that references this one (only the declarer may replace it). */
  private replacementOf(declaration: Declaration): string | undefined {
    if (!declaration.id || !declaration.declarer) return undefined;
    for (const id of this.replacements.get(declaration.id) ?? []) {
      const newer = this.declaration(id);
      if (newer.declarer === declaration.declarer) return newer.id ?? `line ${newer.line}`;
    }
    return undefined;
  }

  /** Bytes held by the unit indexes' typed arrays (the rest is mostly the lines). */
  get indexBytes(): number {
    let bytes = 0;
    for (const index of this.indexes.values()) bytes += index.byteLength;
    return bytes;
  }
}

/** A registry loaded from JSONL, and the diagnostics of its lines. */
export function loadRegistry(
  input: string | Iterable<string>,
  options: RegistryOptions = {},
): { registry: IsccRegistry; diagnostics: Diagnostic[] } {
  const registry = new IsccRegistry(options);
  const diagnostics = registry.load(input);
  return { registry, diagnostics };
}
