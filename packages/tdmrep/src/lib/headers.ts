import { type Evidence, type HeaderInput, headerValues } from '@optout/core';
import { type Occurrence, settle } from './properties.js';
import type { TdmReading } from './types.js';

/** Options for `readTdmHeaders`. */
export interface TdmHeaderOptions {
  /** URL of the response, copied into the evidence. */
  url?: string;
}

// Field lines of one header, each comma-separated element an occurrence: an
// HTTP stack that joins repeated lines gives "1, 0", which must read as two.
function occurrences(
  headers: HeaderInput,
  name: 'tdm-reservation' | 'tdm-policy',
  url: string | undefined,
): Occurrence[] {
  const property = name === 'tdm-reservation' ? 'reservation' : 'policy';
  const out: Occurrence[] = [];
  for (const line of headerValues(headers, name)) {
    // A URL may itself contain commas, so a policy line is split only where a new absolute URL begins.
    const parts =
      property === 'reservation' ? line.split(',') : line.split(/,(?=\s*[A-Za-z][A-Za-z0-9+.-]*:)/);
    for (const part of parts) {
      const evidence: Evidence = { raw: `${name}: ${line}`, header: name };
      if (url !== undefined) evidence.url = url;
      out.push({ property, value: part, evidence });
    }
  }
  return out;
}

/**
 * Read the `tdm-reservation` and `tdm-policy` response headers (the TDMRep
 * HTTP technique). Only the exact tokens `0` and `1` are valid; a field given
 * more than once, or as a comma list, is invalid and leaves the property unset
 * with a diagnostic. Never throws on bad input.
 */
export function readTdmHeaders(headers: HeaderInput, options: TdmHeaderOptions = {}): TdmReading {
  const found = [
    ...occurrences(headers, 'tdm-reservation', options.url),
    ...occurrences(headers, 'tdm-policy', options.url),
  ];
  return settle('tdmrep.header', found, 'unset');
}
