import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { knownAgents } from '@optout/core';
import { describe, expect, test } from 'vitest';
import { main } from '../src/index.js';
import type { Input } from '../src/lib/io.js';
import { built, captureIo, runBin, tempDir } from './io.js';

const work = tempDir();

async function init(args: string[], stdin?: Input) {
  const { io, out, err } = captureIo(work.dir);
  if (stdin) io.stdin = stdin;
  const code = await main(['init', ...args], io);
  return { code, out: out(), err: err() };
}

const read = (dir: string, path: string) => readFileSync(join(work.dir, dir, path), 'utf8');

/** The [name, value] pairs a server snippet sets, read back from its text. */
function snippetHeaders(dir: string): Record<'nginx' | 'apache' | 'express', [string, string][]> {
  const pairs = (text: string, pattern: RegExp) =>
    [...text.matchAll(pattern)].map((m) => [m[1]!, JSON.parse(m[2]!) as string] as [string, string]);
  return {
    nginx: pairs(read(dir, 'headers/nginx.conf'), /^add_header (\S+) ("(?:[^"\\]|\\.)*") always;$/gm),
    apache: pairs(read(dir, 'headers/apache.conf'), /^Header always set (\S+) ("(?:[^"\\]|\\.)*")$/gm),
    express: pairs(read(dir, 'headers/express.js'), /^ {4}"([^"]+)": ("(?:[^"\\]|\\.)*"),$/gm),
  };
}

describe('optout init: writes the set', () => {
  test('--reserve all writes robots block, ai.txt, tdmrep.json, meta tags and three header snippets', async () => {
    const result = await init([
      '--reserve',
      'all',
      '--agents',
      'GPTBot,ClaudeBot',
      '--policy',
      'https://example.com/tdm-policy.json',
      '--out',
      'all',
    ]);
    expect(result.code).toBe(0);
    for (const path of [
      'robots-ai-block.txt',
      'ai.txt',
      '.well-known/tdmrep.json',
      'meta-tags.html',
      'headers/nginx.conf',
      'headers/apache.conf',
      'headers/express.js',
    ]) {
      expect(result.out).toContain(path);
      expect(read('all', path).length).toBeGreaterThan(0);
    }
    expect(JSON.parse(read('all', '.well-known/tdmrep.json'))).toEqual([
      { location: '/', 'tdm-reservation': 1, 'tdm-policy': 'https://example.com/tdm-policy.json' },
    ]);
  });

  test('the three server snippets set exactly the same headers', async () => {
    const snippets = snippetHeaders('all');
    expect(snippets.nginx.length).toBeGreaterThan(0);
    expect(snippets.apache).toEqual(snippets.nginx);
    expect(snippets.express).toEqual(snippets.nginx);
  });

  test('--reserve train-ai writes no tdmrep.json (TDMRep cannot say "training only")', async () => {
    const result = await init(['--reserve', 'train-ai', '--agents', 'GPTBot', '--out', 'train']);
    expect(result.code).toBe(0);
    expect(() => read('train', '.well-known/tdmrep.json')).toThrow();
    expect(read('train', 'meta-tags.html')).not.toContain('tdm-reservation');
  });

  test('refuses to overwrite existing files without --force (exit 2), overwrites with it', async () => {
    const again = await init(['--reserve', 'all', '--out', 'all']);
    expect(again.code).toBe(2);
    expect(again.err).toContain('already exist');
    expect(read('all', 'headers/nginx.conf')).toContain('tdm-policy');
    const forced = await init(['--reserve', 'all', '--out', 'all', '--force']);
    expect(forced.code).toBe(0);
    expect(read('all', 'headers/nginx.conf')).not.toContain('tdm-policy');
  });

  test('known-training blocks every training crawler and control token of the registry', async () => {
    expect((await init(['--reserve', 'all', '--agents', 'known-training', '--out', 'known'])).code).toBe(0);
    const block = read('known', 'robots-ai-block.txt');
    const training = knownAgents().filter((a) => a.purpose === 'training' || a.purpose === 'control-token');
    for (const agent of training) expect(block).toContain(`User-agent: ${agent.token}\n`);
    expect(block).not.toContain('User-agent: Googlebot\n');
  });

  test('usage errors: bad --reserve, bad token, relative policy URL exit 2', async () => {
    expect((await init(['--reserve', 'some'])).err).toMatch(/--reserve must be one of all, train-ai, none/);
    expect((await init(['--agents', 'GPT Bot'])).code).toBe(2);
    expect((await init(['--policy', '/policy.json', '--out', 'x'])).err).toMatch(
      /--policy must be an absolute/,
    );
  });

  test('interactive: on a terminal, missing choices are asked for', async () => {
    const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
    stdin.isTTY = true;
    const answers = ['train-ai', 'CCBot, GPTBot'];
    const pending = init(['--out', 'asked'], stdin);
    // readline asks one question at a time; feed the answers as lines.
    for (const answer of answers) stdin.write(`${answer}\n`);
    const result = await pending;
    expect(result.code).toBe(0);
    expect(result.err).toContain('Reserve which uses?');
    expect(read('asked', 'robots-ai-block.txt')).toMatch(
      /User-agent: CCBot\nUser-agent: GPTBot\nDisallow: \//,
    );
    expect(() => read('asked', '.well-known/tdmrep.json')).toThrow();
  });

  test('interactive: an invalid answer is explained and the question asked again', async () => {
    const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
    stdin.isTTY = true;
    const pending = init(['--out', 'asked-again'], stdin);
    stdin.write('some\nnone\n');
    const result = await pending;
    expect(result.code).toBe(0);
    expect(result.err).toContain('--reserve must be one of all, train-ai, none');
    expect(result.err).toContain('try again');
    expect(JSON.parse(read('asked-again', '.well-known/tdmrep.json'))).toEqual([
      { location: '/', 'tdm-reservation': 0 },
    ]);
  });
});

// Skipped only when dist/bin.js is missing: the root test script runs `tsc -b` first.
describe.skipIf(!built)('optout init: the built binary', () => {
  test('writes the set from flags with stdin not a terminal', () => {
    const result = runBin(['init', '--reserve', 'all', '--out', 'bin'], work.dir);
    expect(result.code).toBe(0);
    expect(read('bin', 'ai.txt')).toContain('Disallow: /');
  });
});
