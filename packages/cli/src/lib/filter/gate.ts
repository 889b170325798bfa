import type { Category } from '@optout/core';
import { createGate, type Gate } from '@optout/gate';
import { UsageError } from '../exit.js';

/** The gate options every online command takes from its flags. */
export interface GateFlags {
  agent: string;
  userAgent?: string;
  purpose: Category;
  defaultForUnknown?: 'allow' | 'disallow';
  /** SQLite file the origin policies are kept in between runs. */
  cache?: string;
  concurrency?: number;
  /** curl-style `host:port:address` entries. */
  resolve?: string[];
  /** Origin files read besides robots.txt (default: all). */
  files?: { tdmrep: boolean; aitxt: boolean; rsl: boolean };
}

/** The User-Agent sent when none is given: the product token, so sites can address it. */
export function defaultUserAgent(token: string): string {
  return `${token}/1.0 (compatible; optout)`;
}

// Compiled policies kept in memory (about 15-20 KB per origin). A command's
// origins interleave in its input, so a cache smaller than their number makes
// almost every URL recompile its origin's policy: 256 MiB holds ~15,000 origins.
const MAX_CACHE_BYTES = 256 * 1024 * 1024;

/** Build the gate for a command, opening the SQLite store when `--cache` is given. */
export async function openGate(flags: GateFlags): Promise<Gate> {
  const store = flags.cache ? await sqliteStore(flags.cache) : undefined;
  try {
    return createGate({
      agent: { token: flags.agent, userAgent: flags.userAgent ?? defaultUserAgent(flags.agent) },
      purpose: flags.purpose,
      defaultForUnknown: flags.defaultForUnknown ?? 'allow',
      maxCacheBytes: MAX_CACHE_BYTES,
      ...(store ? { store } : {}),
      ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
      ...(flags.resolve?.length ? { resolve: flags.resolve } : {}),
      ...(flags.files ? { files: flags.files } : {}),
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function sqliteStore(path: string) {
  const { createSqliteStore } = await import('@optout/gate/stores/sqlite');
  return createSqliteStore({ path });
}

const ORIGIN_FILES = ['robots', 'tdmrep', 'aitxt', 'rsl'];

/** Parse a `--files` list (`robots,tdmrep,aitxt,rsl`); robots.txt is always read. */
export function originFiles(value: string | undefined): GateFlags['files'] {
  if (value === undefined) return undefined;
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.find((name) => !ORIGIN_FILES.includes(name));
  if (unknown !== undefined)
    throw new UsageError(`--files takes a list of ${ORIGIN_FILES.join(', ')} (got '${unknown}')`);
  return { tdmrep: names.includes('tdmrep'), aitxt: names.includes('aitxt'), rsl: names.includes('rsl') };
}

/** Parse a `--concurrency` value. */
export function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${flag} must be a positive integer (got '${value}')`);
  return n;
}
