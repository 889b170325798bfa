import { readFileSync } from 'node:fs';

/** Bytes of a fixture under test/fixtures/. */
export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./fixtures/${path}`, import.meta.url)));
}

/** Parsed JSON file next to the tests. */
export function json<T>(path: string): T {
  return JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as T;
}

/** One row of c2pa-fixtures.json. */
export interface FixtureRow {
  file: string;
  format: string;
  manifest: 'active' | 'none' | 'unusable';
  tdm: string[];
  integrity: 'hash-ok' | 'hash-mismatch' | 'not-checked';
  remote?: string;
  wasm?: { state?: string; failures?: string[]; error?: string };
}

/** All rows of c2pa-fixtures.json. */
export const c2paRows = (): FixtureRow[] => json<{ fixtures: FixtureRow[] }>('./c2pa-fixtures.json').fixtures;

/** `label{key=use,...}` → [label, Map(key suffix → use)]; `constrained+info` keeps the `+info`. */
export function parseTdm(text: string): [string, Map<string, string>] {
  const m = /^([^{]+)\{(.*)\}$/.exec(text)!;
  return [m[1]!, new Map(m[2]!.split(',').map((kv) => kv.split('=') as [string, string]))];
}
