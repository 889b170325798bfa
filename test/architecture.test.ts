// The package boundaries of docs/architecture.md, checked: arrows point one
// way, and the parsers stay pure (no node: modules, no network, no logging).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = new URL('../packages/', import.meta.url).pathname;
const PARSERS = ['robots', 'aitxt', 'tdmrep', 'page', 'media', 'iscc'];
const MAY_IMPORT: Record<string, string[]> = {
  core: [],
  robots: ['core'],
  aitxt: ['core'],
  tdmrep: ['core'],
  page: ['core'],
  media: ['core'],
  iscc: ['core'],
  gate: ['core', 'robots', 'aitxt', 'tdmrep', 'page', 'media', 'iscc'],
  cli: ['core', 'robots', 'aitxt', 'tdmrep', 'page', 'media', 'iscc', 'gate'],
};

// The files a package's main entry loads, following relative imports. Other
// entry points (`@optout/iscc/node` reads files) may use node: modules.
function reachable(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
    reachable(join(dirname(file), spec!.replace(/\.js$/, '.ts')), seen);
  }
  return seen;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function manifest(pkg: string): { dependencies?: Record<string, string> } {
  return JSON.parse(readFileSync(join(root, pkg, 'package.json'), 'utf8'));
}

describe('package boundaries', () => {
  test('every package is listed', () => {
    expect(readdirSync(root).sort()).toEqual(Object.keys(MAY_IMPORT).sort());
  });

  for (const [pkg, allowed] of Object.entries(MAY_IMPORT)) {
    test(`${pkg} depends only on ${allowed.join(', ') || 'no other optout package'}`, () => {
      const deps = Object.keys(manifest(pkg).dependencies ?? {})
        .filter((name) => name.startsWith('@optout/'))
        .map((name) => name.slice('@optout/'.length));
      expect(deps.filter((dep) => !allowed.includes(dep))).toEqual([]);
      for (const file of sources(join(root, pkg, 'src'))) {
        const imported = [...readFileSync(file, 'utf8').matchAll(/from '@optout\/([a-z]+)/g)].map(
          (m) => m[1],
        );
        expect(
          imported.filter((dep) => dep !== pkg && !allowed.includes(dep!)),
          file,
        ).toEqual([]);
      }
    });
  }

  for (const pkg of PARSERS) {
    test(`${pkg} is pure: its main entry loads no node: module, no console, no fetch`, () => {
      for (const file of reachable(join(root, pkg, 'src', 'index.ts'))) {
        const text = readFileSync(file, 'utf8');
        expect(text, file.slice(root.length)).not.toMatch(/from 'node:|require\(|\bconsole\.|\bfetch\(/);
      }
    });
  }
});
