import { readMedia } from './read.js';
import type { MediaReport, ReadMediaOptions } from './report.js';
import { type ValidateOptions, validateWithC2paRs } from './validate.js';

/** Options of `inspectMedia`: those of `readMedia`, plus signature validation. */
export interface InspectMediaOptions extends ReadMediaOptions, ValidateOptions {
  /** Validate signatures, certificates and bindings with c2pa-rs (`@contentauth/c2pa-wasm`). Default false. */
  validate?: boolean;
}

/**
 * `readMedia`, and with `validate: true` full C2PA validation through the
 * optional `@contentauth/c2pa-wasm` (lazily loaded, remote fetching off):
 * `validation` becomes `valid`, `untrusted` (sound, signer not trusted) or
 * `invalid`, with the validator's failure codes. Never rejects on bad input.
 */
export async function inspectMedia(
  bytes: Uint8Array,
  options: InspectMediaOptions = {},
): Promise<MediaReport> {
  const report = readMedia(bytes, options);
  if (!options.validate || !report.manifest || report.format === 'unknown') return report;
  const result = await validateWithC2paRs(bytes, report.format, options);
  report.validation = result.validation;
  report.validationCodes = result.codes;
  if (result.error) {
    report.diagnostics.push({ code: 'c2pa.validation-error', severity: 'warning', message: result.error });
  }
  return report;
}
