import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { commands, main, version } from '../src/index.js';
import { styleFor } from '../src/lib/output.js';
import { BIN, built, captureIo, runBin } from './io.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

describe('optout dispatcher', () => {
  test('--version prints the package version', async () => {
    const { io, out } = captureIo('/');
    expect(await main(['--version'], io)).toBe(0);
    expect(out()).toBe(`${pkg.version}\n`);
    expect(version()).toBe(pkg.version);
  });

  test('--help lists every registered command and the exit codes', async () => {
    const { io, out } = captureIo('/');
    expect(await main(['--help'], io)).toBe(0);
    for (const name of Object.keys(commands)) expect(out()).toContain(`  ${name} `);
    expect(out()).toMatch(
      /Exit codes:\n {2}0 +success: allowed[\s\S]*\n {2}1 +a negative answer: disallowed[\s\S]*\n {2}2 +usage error/,
    );
  });

  test('no command: help on stderr and exit code 2 (usage)', async () => {
    const { io, out, err } = captureIo('/');
    expect(await main([], io)).toBe(2);
    expect(out()).toBe('');
    expect(err()).toContain('Usage: optout <command>');
  });

  test('unknown command: named in the message, exit code 2', async () => {
    const { io, err } = captureIo('/');
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(err()).toContain("unknown command 'frobnicate'");
  });

  test('inherited object keys are not commands', async () => {
    const { io } = captureIo('/');
    expect(await main(['toString'], io)).toBe(2);
  });

  for (const [name, entry] of Object.entries(commands)) {
    test(`registry: '${name}' has a summary, a usage naming it, and answers --help with exit 0`, async () => {
      expect(entry.summary.length).toBeGreaterThan(0);
      const command = await entry.load();
      expect(command.usage).toContain(`optout ${name}`);
      const { io, out } = captureIo('/');
      expect(await main([name, '--help'], io)).toBe(0);
      expect(out()).toContain(`optout ${name}`);
      expect(out()).toContain('Exit codes:');
      const viaHelp = captureIo('/');
      expect(await main(['help', name], viaHelp.io)).toBe(0);
      expect(viaHelp.out()).toBe(out());
    });
  }
});

describe('output styling', () => {
  test('no colours when the stream is not a terminal', () => {
    expect(styleFor({ write: () => 0, isTTY: false }, {}).red('x')).toBe('x');
  });
  test('colours on a terminal', () => {
    expect(styleFor({ write: () => 0, isTTY: true }, {}).red('x')).toBe('\x1b[31mx\x1b[39m');
  });
  test('NO_COLOR turns colours off even on a terminal (no-color.org)', () => {
    expect(styleFor({ write: () => 0, isTTY: true }, { NO_COLOR: '1' }).red('x')).toBe('x');
  });
});

// The real binary, as users run it: needs `tsc -b` first (the root test script does that).
describe.skipIf(!built)('the built binary', () => {
  test('starts with a node shebang', () => {
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
  test('--version exits 0 with the version', () => {
    const result = runBin(['--version'], '/');
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(pkg.version);
  });
  test('an unknown command exits 2', () => {
    expect(runBin(['nope'], '/').code).toBe(2);
  });
});
