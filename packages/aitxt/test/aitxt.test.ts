import { readFileSync } from 'node:fs';
import { decide } from '@optout/core';
import { StatementSchema } from '@optout/core/schema';
import { describe, expect, test } from 'vitest';
import { parseAiTxt } from '../src/index.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

interface Case {
  file: string;
  url: string;
  allowed: boolean;
  rule?: string;
}
const expected = JSON.parse(fixture('expected.json').toString('utf8')) as { cases: Case[] };

describe('fixtures/aitxt/expected.json', () => {
  test.each(expected.cases)('$file: $url is allowed=$allowed', (c) => {
    const aitxt = parseAiTxt(fixture(c.file), { url: `https://s.example/ai.txt` });
    expect(aitxt.format).toBe('spawning');
    const statements = aitxt.statements(c.url);
    expect(statements).toHaveLength(1);
    const [statement] = statements;
    expect(statement!.value).toBe(c.allowed ? 'allow' : 'disallow');
    if (c.rule) expect(statement!.evidence.raw).toBe(c.rule);
    const decision = decide({ url: c.url, agent: 'anybot', purpose: 'train-ai', statements });
    expect(decision.allowed).toBe(c.allowed);
  });
});

describe('SIGNALS §2.4 worked examples', () => {
  test('#1 "Disallow: /" and "Disallow: *" block every file', () => {
    const aitxt = parseAiTxt('User-Agent: *\nDisallow: /\nDisallow: *\n');
    expect(aitxt.statements('/img/a.png').map((s) => s.value)).toEqual(['disallow']);
  });

  test('#2 images allowed: "Allow: *.png" (longer) beats "Disallow: /"', () => {
    const why = parseAiTxt(fixture('images-allowed-ai.txt')).explain('/g/cat.png');
    expect(why).toMatchObject({ value: 'allow', matchedBy: 'extension', rule: { value: '*.png', line: 8 } });
  });

  test('#3 an extensionless page follows the "/" rule (the Text choice)', () => {
    const aitxt = parseAiTxt(fixture('images-allowed-ai.txt'));
    expect(aitxt.explain('/blog/post')).toMatchObject({ value: 'disallow', matchedBy: 'root' });
    expect(aitxt.statements('/blog/post')[0]!.note).toMatch(/Text choice/);
  });

  test('#4 case-sensitive by default: .JPG falls to "Disallow: /", with a hint', () => {
    const aitxt = parseAiTxt(fixture('images-allowed-ai.txt'));
    const why = aitxt.explain('/g/cat.JPG');
    expect(why).toMatchObject({ value: 'disallow', matchedBy: 'root', caseInsensitive: false });
    expect(why.hint).toMatch(/\*\.jpg.*caseInsensitive/);
  });

  test('#4 option caseInsensitive: .JPG matches "Allow: *.jpg" and says so', () => {
    const aitxt = parseAiTxt(fixture('images-allowed-ai.txt'), { caseInsensitive: true });
    const why = aitxt.explain('/g/cat.JPG');
    expect(why).toMatchObject({ value: 'allow', caseInsensitive: true, rule: { value: '*.jpg' } });
    expect(why.hint).toMatch(/only ignoring case/);
  });

  test('caseInsensitive works both ways: "Disallow: *.JPG" matches ".jpg"; other patterns keep case', () => {
    const aitxt = parseAiTxt('User-Agent: *\nDisallow: *.JPG\nDisallow: /Private/\n', {
      caseInsensitive: true,
    });
    expect(aitxt.explain('/a/b.jpg').value).toBe('disallow');
    expect(aitxt.explain('/private/x').value).toBe('unknown');
    expect(parseAiTxt('User-Agent: *\nDisallow: *.JPG\n').explain('/a/b.jpg').value).toBe('unknown');
  });

  test('#5 Markdown with YAML front matter is recognised as another format and ignored', () => {
    const md =
      '---\ntitle: AI policy\nallow: search\ndisallow: training\n---\n# Our AI policy\n\nNo training.\n';
    const aitxt = parseAiTxt(md);
    expect(aitxt.format).toBe('unrecognised');
    expect(aitxt.statements('/anything')).toEqual([]);
    expect(aitxt.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'aitxt.unrecognised-format', message: expect.stringMatching(/yaml/) }),
    );
  });
});

describe('format recognition', () => {
  test('§2.1: plain Markdown without robots lines is unrecognised', () => {
    const aitxt = parseAiTxt('# AI usage\n\nWe do not allow AI training.\n- no scraping\n');
    expect(aitxt.format).toBe('unrecognised');
    expect(aitxt.diagnostics[0]!.message).toMatch(/markdown/);
  });

  test('§2.1: free text is unrecognised; an empty file too', () => {
    expect(parseAiTxt('Please do not train on this site.').format).toBe('unrecognised');
    expect(parseAiTxt('').format).toBe('unrecognised');
  });

  test('§2.2: the real generator output (ASCII-art trailer) is Spawning format', () => {
    const aitxt = parseAiTxt(fixture('healsdata_spawning-generated_ai.txt'));
    expect(aitxt.format).toBe('spawning');
    expect(aitxt.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
});

describe('syntax', () => {
  test('§2.2: field names are case-insensitive, comments stripped', () => {
    const aitxt = parseAiTxt('user-agent: * # all\nDISALLOW: *.png # images\n');
    expect(aitxt.explain('/a.png')).toMatchObject({ value: 'disallow', rule: { value: '*.png' } });
  });

  test('§2.2: a stray "/" line (generator quirk) is ignored without a diagnostic', () => {
    const aitxt = parseAiTxt('User-Agent: *\n/\nDisallow: *.png\n');
    expect(aitxt.diagnostics).toEqual([]);
    expect(aitxt.explain('/x.png').value).toBe('disallow');
  });

  test('§2.3: bare "*" is match-all', () => {
    expect(parseAiTxt('User-Agent: *\nDisallow: *\n').explain('/deep/path?q=1').value).toBe('disallow');
  });

  test('rfc9309: empty Disallow matches nothing', () => {
    expect(parseAiTxt('User-Agent: *\nDisallow:\n').statements('/x')).toEqual([]);
  });

  test('rfc9309 §2.2.2: equal length, Allow wins the tie (overlapping categories)', () => {
    const aitxt = parseAiTxt('User-Agent: *\nDisallow: *.ts\nAllow: *.ts\n');
    expect(aitxt.explain('/video.ts').value).toBe('allow');
  });

  test('no matching rule gives no statement', () => {
    expect(parseAiTxt('User-Agent: *\nDisallow: *.png\n').statements('/a.gif')).toEqual([]);
  });

  test('a pattern without "/" or "*" is read with a leading "/" and reported', () => {
    const aitxt = parseAiTxt('User-Agent: *\nDisallow: private/\n');
    expect(aitxt.explain('/private/x').value).toBe('disallow');
    expect(aitxt.diagnostics.map((d) => d.code)).toContain('aitxt.relative-pattern');
  });

  test('rules before any User-Agent line apply to everyone, with a warning', () => {
    const aitxt = parseAiTxt('Disallow: *.png\n');
    expect(aitxt.statements('/a.png', 'GPTBot')[0]).toMatchObject({ value: 'disallow', scope: {} });
    expect(aitxt.diagnostics.map((d) => d.code)).toContain('aitxt.rule-outside-group');
  });

  test('unknown fields are reported and ignored', () => {
    const aitxt = parseAiTxt('User-Agent: *\nNoai: yes\nDisallow: /\n');
    expect(aitxt.diagnostics.map((d) => d.code)).toContain('aitxt.unknown-field');
    expect(aitxt.explain('/x').value).toBe('disallow');
  });

  test('input is cut at maxBytes with a warning', () => {
    const aitxt = parseAiTxt('User-Agent: *\nDisallow: *.png\nDisallow: /\n', { maxBytes: 30 });
    expect(aitxt.explain('/page').value).toBe('unknown');
    expect(aitxt.diagnostics.map((d) => d.code)).toContain('aitxt.truncated');
  });

  test('bad options are programmer errors', () => {
    expect(() => parseAiTxt('', { maxBytes: -1 })).toThrow(/maxBytes/);
  });
});

describe('groups (as robots.txt)', () => {
  const text = 'User-Agent: *\nDisallow: /\n\nUser-Agent: GPTBot\nUser-Agent: CCBot\nAllow: *.png\n';

  test('a named group applies to its product token, case-insensitively, and replaces "*"', () => {
    const aitxt = parseAiTxt(text);
    expect(aitxt.statements('/a.png', 'gptbot')[0]).toMatchObject({
      value: 'allow',
      scope: { agents: ['GPTBot'] },
    });
    expect(aitxt.statements('/page', 'CCBot')).toEqual([]);
  });

  test('other tokens get the "*" group, unscoped', () => {
    expect(parseAiTxt(text).statements('/a.png', 'ClaudeBot')[0]).toMatchObject({
      value: 'disallow',
      scope: {},
    });
  });

  test('several "*" groups are merged', () => {
    const aitxt = parseAiTxt('User-Agent: *\nDisallow: *.png\nUser-Agent: *\nAllow: /\n');
    expect(aitxt.explain('/a.png').value).toBe('disallow');
    expect(aitxt.explain('/a').value).toBe('allow');
  });
});

describe('statements', () => {
  test('carry category train-ai, source aitxt and full evidence, and validate against the schema', () => {
    const [s] = parseAiTxt(fixture('images-allowed-ai.txt'), { url: 'https://s.example/ai.txt' }).statements(
      'https://s.example/a/song.mp3',
    );
    expect(StatementSchema.parse(s)).toEqual({
      category: 'train-ai',
      value: 'disallow',
      source: 'aitxt',
      scope: {},
      label: 'Disallow',
      evidence: { raw: 'Disallow: *.mp3', line: 28, pattern: '/*.mp3', url: 'https://s.example/ai.txt' },
    });
  });

  test('an unrecognised file gives no statements', () => {
    expect(parseAiTxt('hello').statements('/x.png')).toEqual([]);
  });

  test('URL objects and percent-encoding are handled like robots.txt', () => {
    const aitxt = parseAiTxt('User-Agent: *\nDisallow: /caf%C3%A9/\n');
    expect(aitxt.explain(new URL('https://s.example/café/menu')).value).toBe('disallow');
  });
});
