import { inspectMedia, readMedia } from '@optout/media';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { c2paRows, fixture } from './helpers.js';

// Full validation goes through @contentauth/c2pa-wasm (c2pa-rs). Expected
// states are the c2pa-wasm rows of check-results.json, copied into
// c2pa-fixtures.json: Valid + signingCredential.untrusted (test certificates)
// reads as 'untrusted', Invalid as 'invalid'.
const STATE: Record<string, string> = { Valid: 'untrusted', Invalid: 'invalid', Trusted: 'valid' };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe.each(c2paRows().filter((row) => row.manifest === 'active'))('validate: $file', (row) => {
  test('state and failure codes match c2pa-rs', async () => {
    const report = await inspectMedia(fixture(`c2pa/${row.file}`), { validate: true });
    expect(report.validation).toBe(STATE[row.wasm!.state!]);
    expect([...(report.validationCodes ?? [])].sort()).toEqual([...row.wasm!.failures!].sort());
  });
});

describe('validate: behaviour', () => {
  test('the three tampered copies are all flagged once validated', async () => {
    const tampered = c2paRows().filter((row) => row.file.includes('tampered-'));
    expect(tampered).toHaveLength(3);
    for (const row of tampered) {
      const report = await inspectMedia(fixture(`c2pa/${row.file}`), { validate: true });
      expect(report.validation, row.file).toBe('invalid');
    }
  });

  test('by default only the edited assertion is caught; edited pixels and signature need validate', async () => {
    const read = (name: string) => readMedia(fixture(`c2pa/generated/tampered-${name}-cawg-constrained.jpg`));
    expect(read('assertion').integrity).toBe('hash-mismatch');
    expect(read('pixels').integrity).toBe('hash-ok');
    expect(read('signature').integrity).toBe('hash-ok');
    for (const name of ['assertion', 'pixels', 'signature']) {
      expect(read(name).validation).toBe('not-checked');
    }
  });

  test('off by default: inspectMedia without validate equals readMedia', async () => {
    const bytes = fixture('c2pa/generated/tdm-cawg-constrained.jpg');
    expect(await inspectMedia(bytes)).toEqual(readMedia(bytes));
  });

  test('no network: CAWG identity DID documents are not fetched', async () => {
    const fetch = vi.fn(() => Promise.reject(new Error('network used')));
    vi.stubGlobal('fetch', fetch);
    const report = await inspectMedia(fixture('c2pa/upstream/c2pa-rs_adobe_connected_identities.jpg'), {
      validate: true,
    });
    expect(fetch).not.toHaveBeenCalled();
    expect(report.validationCodes).toContain('cawg.ica.did_unavailable');
  });

  test('files without a usable manifest are not sent to the validator', async () => {
    for (const row of c2paRows().filter((r) => r.manifest !== 'active')) {
      const report = await inspectMedia(fixture(`c2pa/${row.file}`), { validate: true });
      expect(report.validation, row.file).toBe('not-checked');
    }
  });
});
