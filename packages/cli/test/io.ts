// Test helpers: an in-process Io with captured output, temporary directories,
// and the built binary (`dist/bin.js`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import type { Io } from '../src/index.js';

/** An Io whose stdout and stderr are collected into strings. */
export function captureIo(cwd: string, options: { tty?: boolean; env?: Io['env'] } = {}) {
  let out = '';
  let err = '';
  const io: Io = {
    stdout: { write: (chunk: string) => (out += chunk), isTTY: options.tty ?? false },
    stderr: { write: (chunk: string) => (err += chunk), isTTY: options.tty ?? false },
    cwd,
    env: options.env ?? {},
  };
  return { io, out: () => out, err: () => err };
}

/** A fresh temporary directory removed after the test file; `write` puts files into it. */
export function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'optout-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write(name: string, content: string | Uint8Array): string {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), content);
      return name;
    },
  };
}

/** The built binary. The root test script runs `tsc -b` before vitest. */
export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
/** Whether `dist/bin.js` exists (tests of the real binary skip when it does not). */
export const built = existsSync(BIN);

/** Run the built `optout` with arguments in `cwd`. */
export function runBin(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
