import { describe, expect, it } from 'vitest';
import { parseTdmrepFile } from '../src/index.js';

const codes = (file: { diagnostics: { code: string }[] }) => file.diagnostics.map((d) => d.code);

describe('tdmrep.json: shape and rules', () => {
  it('a valid array of rules is valid, with evidence pointing at the rule', () => {
    const file = parseTdmrepFile(
      '[{"location":"/a/","tdm-reservation":1,"tdm-policy":"https://example.org/p.json"}]',
      { url: 'https://example.org/.well-known/tdmrep.json' },
    );
    expect(file.valid).toBe(true);
    expect(file.diagnostics).toEqual([]);
    expect(file.lookup('https://example.org/a/x')).toEqual({
      reservation: 1,
      policy: 'https://example.org/p.json',
      source: 'tdmrep.file',
      evidence: {
        raw: '{"location":"/a/","tdm-reservation":1,"tdm-policy":"https://example.org/p.json"}',
        pointer: '/0',
        pattern: '/a/',
        url: 'https://example.org/.well-known/tdmrep.json',
      },
    });
  });

  it('no matching rule leaves the reservation unset, not 0', () => {
    expect(parseTdmrepFile('[{"location":"/a/","tdm-reservation":1}]').lookup('/b/')).toBeUndefined();
  });

  it('invalid rules are skipped with a JSON Pointer and later rules still apply', () => {
    const file = parseTdmrepFile(
      '[{"location":"/a/","tdm-reservation":"1"},{"location":"/","tdm-reservation":0}]',
    );
    expect(file.valid).toBe(false);
    expect(file.diagnostics).toMatchObject([
      { code: 'tdmrep.invalid-value', severity: 'error', pointer: '/0/tdm-reservation' },
    ]);
    expect(file.lookup('/a/x')?.reservation).toBe(0);
  });

  it.each([
    ['a number 2', '{"location":"/","tdm-reservation":2}', 'tdmrep.invalid-value'],
    ['a boolean', '{"location":"/","tdm-reservation":true}', 'tdmrep.invalid-value'],
    ['no reservation', '{"location":"/"}', 'tdmrep.missing-value'],
    ['no location', '{"tdm-reservation":1}', 'tdmrep.missing-location'],
    ['an empty location', '{"location":"","tdm-reservation":1}', 'tdmrep.invalid-location'],
    ['a numeric location', '{"location":5,"tdm-reservation":1}', 'tdmrep.invalid-location'],
    ['a rule that is a string', '"/"', 'tdmrep.rule-not-object'],
  ])('strict: a rule with %s is skipped', (_what, rule, code) => {
    const file = parseTdmrepFile(`[${rule}]`);
    expect(file.rules).toEqual([]);
    expect(codes(file)).toContain(code);
  });

  it('an invalid tdm-policy is dropped with a warning and the rule kept', () => {
    const file = parseTdmrepFile('[{"location":"/","tdm-reservation":1,"tdm-policy":"policy.json"}]');
    expect(file.lookup('/x')).toMatchObject({ reservation: 1 });
    expect(file.lookup('/x')?.policy).toBeUndefined();
    expect(codes(file)).toEqual(['tdmrep.invalid-policy']);
    expect(file.valid).toBe(false);
  });

  it('unknown keys are reported as info and do not make the file invalid', () => {
    const file = parseTdmrepFile('[{"location":"/","tdm-reservation":1,"comment":"hi"}]');
    expect(file.valid).toBe(true);
    expect(file.diagnostics).toMatchObject([{ code: 'tdmrep.unknown-key', severity: 'info' }]);
  });

  it('a location that is not a path is reported: it can never match', () => {
    const file = parseTdmrepFile('[{"location":"news/","tdm-reservation":1}]');
    expect(codes(file)).toEqual(['tdmrep.location-not-path']);
    expect(file.lookup('/news/x')).toBeUndefined();
  });

  it.each([
    ['empty', '', 'tdmrep.empty-file'],
    ['HTML (soft 404)', '<!doctype html><html><body>Not found</body></html>', 'tdmrep.not-json'],
    ['broken JSON', '[{"location":"/",', 'tdmrep.invalid-json'],
    ['a number', '1', 'tdmrep.root-not-array'],
    ['null', 'null', 'tdmrep.root-not-array'],
  ])('a file that is %s is treated as absent', (_what, text, code) => {
    const file = parseTdmrepFile(text);
    expect(file.valid).toBe(false);
    expect(file.rules).toEqual([]);
    expect(codes(file)).toEqual([code]);
  });

  it('a UTF-8 byte order mark is skipped', () => {
    const bytes = new TextEncoder().encode('\uFEFF[{"location":"/","tdm-reservation":1}]');
    expect(parseTdmrepFile(bytes).valid).toBe(true);
  });

  it('a file larger than maxBytes is cut and reported', () => {
    const file = parseTdmrepFile('[{"location":"/","tdm-reservation":1}]', { maxBytes: 10 });
    expect(codes(file)).toContain('tdmrep.truncated');
    expect(file.rules).toEqual([]);
  });

  it('bad options are programmer errors and throw', () => {
    expect(() => parseTdmrepFile('[]', { mode: 'loose' as 'strict' })).toThrow(/mode/);
    expect(() => parseTdmrepFile('[]', { order: 'last' as 'first' })).toThrow(/order/);
  });
});

describe('tdmrep.json: lenient mode', () => {
  it.each([
    ['true', 1],
    ['false', 0],
    ['"1"', 1],
    ['"0"', 0],
  ])('lenient: reads tdm-reservation %s as %i with a warning', (raw, value) => {
    const file = parseTdmrepFile(`[{"location":"/","tdm-reservation":${raw}}]`, { mode: 'lenient' });
    expect(file.lookup('/x')?.reservation).toBe(value);
    expect(file.rules[0]?.lenient).toBe(true);
    expect(file.diagnostics).toMatchObject([{ code: 'tdmrep.lenient-value', severity: 'warning' }]);
    expect(file.valid).toBe(false);
  });

  it('lenient: still refuses 2 and "yes"', () => {
    const file = parseTdmrepFile(
      '[{"location":"/","tdm-reservation":2},{"location":"/","tdm-reservation":"yes"}]',
      {
        mode: 'lenient',
      },
    );
    expect(file.rules).toEqual([]);
  });

  it('lenient: a path-keyed map becomes rules, most specific first', () => {
    const file = parseTdmrepFile(
      '{"/": {"tdm-reservation": false}, "/premium/": {"tdm-reservation": true, "tdm-policy": "https://example.org/pp"}}',
      { mode: 'lenient' },
    );
    expect(file.rules.map((r) => [r.location, r.reservation, r.pointer])).toEqual([
      ['/premium/', 1, '/~1premium~1'],
      ['/', 0, '/~1'],
    ]);
    expect(file.lookup('https://example.org/premium/x')).toMatchObject({
      reservation: 1,
      policy: 'https://example.org/pp',
    });
    expect(file.lookup('https://example.org/free')?.reservation).toBe(0);
  });

  it('lenient: an absolute URL as location is read as its path', () => {
    const file = parseTdmrepFile('[{"location":"https://example.org/news/","tdm-reservation":1}]', {
      mode: 'lenient',
    });
    expect(file.rules[0]?.location).toBe('/news/');
    expect(file.lookup('/news/a')?.reservation).toBe(1);
  });

  it('strict: an object root is absent even when it looks like one rule', () => {
    expect(parseTdmrepFile('{"tdm-reservation": 1}').rules).toEqual([]);
  });
});

describe('tdmrep.json: matching', () => {
  const file = parseTdmrepFile(
    JSON.stringify([
      { location: '/a/*.html$', 'tdm-reservation': 1 },
      { location: '/p?id=1', 'tdm-reservation': 1 },
      { location: '/~user/', 'tdm-reservation': 1 },
      { location: '/', 'tdm-reservation': 0 },
    ]),
  );

  it('choice: the query is part of the match target, so $ sees it', () => {
    expect(file.lookup('https://example.org/a/x.html')?.reservation).toBe(1);
    expect(file.lookup('https://example.org/a/x.html?q=1')?.reservation).toBe(0);
  });

  it('choice: a location with a query matches URLs with that query', () => {
    expect(file.lookup('https://example.org/p?id=1&x')?.reservation).toBe(1);
    expect(file.lookup('https://example.org/p?id=2')?.reservation).toBe(0);
  });

  it('the fragment is never part of the target', () => {
    expect(file.lookup('https://example.org/a/x.html#top')?.reservation).toBe(1);
  });

  it('escaped unreserved characters compare equal to the plain ones', () => {
    expect(file.lookup('https://example.org/%7Euser/x')?.reservation).toBe(1);
  });

  it('accepts URL objects and bare paths', () => {
    expect(file.lookup(new URL('https://example.org/a/x.html'))?.reservation).toBe(1);
    expect(file.lookup('/a/x.html')?.reservation).toBe(1);
  });

  it('longest match: equal lengths keep the earlier rule', () => {
    const tie = parseTdmrepFile(
      '[{"location":"/a*","tdm-reservation":1},{"location":"/*b","tdm-reservation":0}]',
      { order: 'longest' },
    );
    expect(tie.lookup('/ab')?.reservation).toBe(1);
  });

  it('no disagreement is reported when both orders pick rules that say the same', () => {
    const same = parseTdmrepFile(
      '[{"location":"/","tdm-reservation":1},{"location":"/a/","tdm-reservation":1}]',
    );
    const match = same.match('/a/x');
    expect(match.diagnostics).toEqual([]);
    expect(match.alternative).toBeUndefined();
  });

  it('a URL that is neither string nor URL is a programmer error', () => {
    expect(() => file.lookup(42 as unknown as string)).toThrow(/url/);
  });
});
