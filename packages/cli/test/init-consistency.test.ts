// The consistency proof of `optout init`: what it writes is read back by
// optout's own parsers (robots, aitxt, tdmrep, page) with the intended meaning.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAiTxt } from '@optout/aitxt';
import { decide, type Statement } from '@optout/core';
import { readPage } from '@optout/page';
import { parseRobots } from '@optout/robots';
import { cascade, parseTdmrepFile, readTdmHeaders, readTdmHtml, type TdmSteps } from '@optout/tdmrep';
import { beforeAll, describe, expect, test } from 'vitest';
import { main } from '../src/index.js';
import { captureIo, tempDir } from './io.js';

const work = tempDir();
const read = (dir: string, path: string) => readFileSync(join(work.dir, dir, path), 'utf8');
const has = (dir: string, path: string) => {
  try {
    read(dir, path);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  const runs: [string, string[]][] = [
    [
      'all',
      ['--reserve', 'all', '--agents', 'GPTBot,ClaudeBot', '--policy', 'https://example.com/tdm-policy.json'],
    ],
    ['train', ['--reserve', 'train-ai', '--agents', 'GPTBot']],
    ['none', ['--reserve', 'none']],
  ];
  for (const [dir, args] of runs) {
    const { io, err } = captureIo(work.dir);
    const code = await main(['init', ...args, '--out', dir], io);
    if (code !== 0) throw new Error(err());
  }
});

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

/** Every statement our own parsers read from the generated set, for one URL and agent. */
function readBack(dir: string, url: string, agent: string): Statement[] {
  const robots = parseRobots(read(dir, 'robots-ai-block.txt'));
  const aiTxt = parseAiTxt(read(dir, 'ai.txt'));
  const html = `<!doctype html><html><head>${read(dir, 'meta-tags.html')}</head><body></body></html>`;
  const headers = snippetHeaders(dir).nginx;
  const file = has(dir, '.well-known/tdmrep.json')
    ? parseTdmrepFile(read(dir, '.well-known/tdmrep.json'))
    : undefined;
  const steps: TdmSteps = {};
  const fileValue = file?.lookup(url);
  const headerValue = readTdmHeaders(headers).value;
  const embeddedValue = readTdmHtml(html).value;
  if (fileValue) steps.file = fileValue;
  if (headerValue) steps.header = headerValue;
  if (embeddedValue) steps.embedded = embeddedValue;
  const tdm = cascade(steps);
  return [
    ...robots.statements(url, agent),
    ...aiTxt.statements(url, agent),
    ...tdm.statements,
    ...readPage({ url, headers }).statements,
    ...readPage({ url, html, contentType: 'text/html' }).statements,
  ];
}

const url = 'https://example.com/articles/1';
const bearing = (statements: Statement[]) =>
  statements.filter((s) => s.category !== 'crawl' && !s.supersededBy);

describe('optout init: our parsers read back the intended meaning', () => {
  test('reserve all: every file reserves; tdm, train-ai, train-genai and ai-input are disallowed for any agent', () => {
    const statements = readBack('all', url, 'MyBot');
    const sources = new Set(statements.filter((s) => s.value === 'disallow').map((s) => s.source));
    for (const source of [
      'robots.content-usage',
      'aitxt',
      'tdmrep.file',
      'tdmrep.header',
      'tdmrep.html',
      'x-robots-tag',
      'meta-robots',
      'content-usage',
    ]) {
      expect(sources, source).toContain(source);
    }
    for (const purpose of ['tdm', 'train-ai', 'train-genai', 'ai-input'] as const) {
      expect(decide({ url, agent: 'MyBot', purpose, statements }).status, purpose).toBe('disallowed');
    }
    expect(bearing(statements).filter((s) => s.value === 'allow')).toEqual([]);
  });

  test('reserve all: the blocked crawlers may not fetch, others may', () => {
    const robots = parseRobots(read('all', 'robots-ai-block.txt'));
    expect(robots.isAllowed(url, 'GPTBot')).toBe(false);
    expect(robots.isAllowed(url, 'ClaudeBot')).toBe(false);
    expect(robots.isAllowed(url, 'MyBot')).toBe(true);
  });

  test('reserve train-ai: train-ai disallowed, and no file says anything about tdm', () => {
    const statements = readBack('train', url, 'MyBot');
    expect(decide({ url, agent: 'MyBot', purpose: 'train-ai', statements }).status).toBe('disallowed');
    expect(statements.filter((s) => s.category === 'tdm')).toEqual([]);
  });

  test('reserve none: nothing disallowed; tdm and train-ai allowed', () => {
    const statements = readBack('none', url, 'MyBot');
    expect(statements.filter((s) => s.value === 'disallow')).toEqual([]);
    expect(decide({ url, agent: 'MyBot', purpose: 'tdm', statements }).status).toBe('allowed');
    expect(decide({ url, agent: 'MyBot', purpose: 'train-ai', statements }).status).toBe('allowed');
  });

  test('every generated file parses without warnings or errors', () => {
    const problems = (diagnostics: readonly { severity: string }[]) =>
      diagnostics.filter((d) => d.severity !== 'info');
    for (const dir of ['all', 'train', 'none']) {
      expect(problems(parseRobots(read(dir, 'robots-ai-block.txt')).diagnostics), dir).toEqual([]);
      const aiTxt = parseAiTxt(read(dir, 'ai.txt'));
      expect(aiTxt.format).toBe('spawning');
      expect(problems(aiTxt.diagnostics), dir).toEqual([]);
    }
    expect(problems(parseTdmrepFile(read('all', '.well-known/tdmrep.json')).diagnostics)).toEqual([]);
    expect(problems(parseTdmrepFile(read('none', '.well-known/tdmrep.json')).diagnostics)).toEqual([]);
  });
});
