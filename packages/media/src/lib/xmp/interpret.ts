import type { Category, Statement } from '@optout/core';
import type { XmpPacket } from '../containers/types.js';
import type { DiagnosticList } from '../diagnostics.js';
import { readXmpProperties, type XmpProperties } from './properties.js';

// IPTC `plus:DataMining` (+ `plus:OtherConstraints`), TDMRep `tdm:reservation`
// / `tdm:policy` and `dcterms:provenance` (a remote C2PA manifest) from XMP.

const PLUS = 'http://ns.useplus.org/ldf/xmp/1.0/';
const PLUS_VOCAB = /^https?:\/\/ns\.useplus\.org\/ldf\/vocab\//;
const TDM_NAMESPACES = ['http://www.w3.org/ns/tdmrep/', 'http://www.w3.org/ns/tdmrep#'];
const DCTERMS = 'http://purl.org/dc/terms/';

const NAMESPACES = [PLUS, 'http://www.w3.org/ns/tdmrep', DCTERMS];
const WANTED = new Set([
  `${PLUS}DataMining`,
  `${PLUS}OtherConstraints`,
  ...TDM_NAMESPACES.flatMap((ns) => [`${ns}reservation`, `${ns}policy`]),
  `${DCTERMS}provenance`,
]);

interface DataMiningReading {
  label: string;
  allow?: Category[];
  disallow?: Category[];
  /** Where the details of a "see ..." value are. */
  details?: string;
}

/**
 * The nine PLUS Data Mining codes (SIGNALS §8.1). GENAIMLTRAINING reads
 * strictly: only generative training is prohibited. PROHIBITED covers search
 * indexing too, which is what the EXCEPTSEARCHENGINEINDEXING code carves out.
 */
export const DATA_MINING_CODES: Readonly<Record<string, DataMiningReading>> = {
  'DMI-UNSPECIFIED': { label: 'Unspecified - no prohibition defined' },
  'DMI-ALLOWED': { label: 'Allowed', allow: ['tdm', 'train-ai'] },
  'DMI-PROHIBITED-AIMLTRAINING': { label: 'Prohibited for AI/ML training', disallow: ['train-ai'] },
  'DMI-PROHIBITED-GENAIMLTRAINING': {
    label: 'Prohibited for Generative AI/ML training',
    disallow: ['train-genai'],
  },
  'DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING': {
    label: 'Prohibited except for search engine indexing',
    disallow: ['tdm'],
    allow: ['search'],
  },
  'DMI-PROHIBITED': { label: 'Prohibited', disallow: ['tdm', 'search'] },
  'DMI-PROHIBITED-SEECONSTRAINT': {
    label: 'Prohibited, see plus:OtherConstraints',
    disallow: ['tdm'],
    details: 'plus:OtherConstraints',
  },
  'DMI-PROHIBITED-SEEEMBEDDEDRIGHTSEXPR': {
    label: 'Prohibited, see Embedded Encoded Rights Expression',
    disallow: ['tdm'],
    details: 'Iptc4xmpExt:EmbdEncRightsExpr',
  },
  'DMI-PROHIBITED-SEELINKEDRIGHTSEXPR': {
    label: 'Prohibited, see Linked Encoded Rights Expression',
    disallow: ['tdm'],
    details: 'Iptc4xmpExt:LinkedEncRightsExpr',
  },
};

/** What the XMP said, as read. */
export interface XmpSummary {
  /** Where the packet(s) came from. */
  locations: string[];
  /** PLUS Data Mining code (`DMI-…`) and the value as written. */
  dataMining?: { code?: string; raw: string };
  otherConstraints?: string;
  tdm?: { reservation?: number; policy?: string; namespace: string };
  /** `dcterms:provenance`: the URI of a remote active manifest. */
  provenance?: string;
}

/** Accept the URI, the bare code, or ExifTool's human label. */
function dataMiningCode(raw: string): string | undefined {
  const value = raw.trim().replace(PLUS_VOCAB, '');
  if (DATA_MINING_CODES[value]) return value;
  const upper = value.toUpperCase();
  if (DATA_MINING_CODES[upper]) return upper;
  return Object.keys(DATA_MINING_CODES).find(
    (code) => DATA_MINING_CODES[code]!.label.toLowerCase() === value.toLowerCase(),
  );
}

function iptcStatements(summary: XmpSummary, name: string, url: string | undefined): Statement[] {
  const dm = summary.dataMining!;
  const reading = dm.code ? DATA_MINING_CODES[dm.code] : undefined;
  if (!reading) return [];
  const evidence = { raw: dm.raw, path: name, ...(url ? { url } : {}) };
  const note = reading.details
    ? `details in ${reading.details}` + (summary.otherConstraints ? `: ${summary.otherConstraints}` : '')
    : undefined;
  const make = (category: Category, value: 'allow' | 'disallow'): Statement => ({
    category,
    value,
    source: 'iptc',
    scope: {},
    evidence,
    label: dm.code!,
    ...(note && value === 'disallow' ? { note } : {}),
  });
  return [
    ...(reading.disallow ?? []).map((c) => make(c, 'disallow')),
    ...(reading.allow ?? []).map((c) => make(c, 'allow')),
  ];
}

function tdmStatements(found: XmpProperties, summary: XmpSummary, url: string | undefined): Statement[] {
  const ns = summary.tdm!.namespace;
  const reservation = found.get(`${ns}reservation`);
  if (!reservation || (summary.tdm!.reservation !== 0 && summary.tdm!.reservation !== 1)) return [];
  const policy = summary.tdm!.policy;
  return [
    {
      category: 'tdm',
      value: summary.tdm!.reservation === 1 ? 'disallow' : 'allow',
      source: 'tdmrep.xmp',
      scope: {},
      evidence: { raw: reservation.value, path: reservation.name, ...(url ? { url } : {}) },
      label: `tdm-reservation: ${summary.tdm!.reservation}`,
      ...(policy ? { note: `tdm-policy: ${policy}` } : {}),
    },
  ];
}

function readTdm(found: XmpProperties, summary: XmpSummary, diagnostics: DiagnosticList): void {
  const ns = TDM_NAMESPACES.find((n) => found.has(`${n}reservation`) || found.has(`${n}policy`));
  if (!ns) return;
  const tdm: NonNullable<XmpSummary['tdm']> = { namespace: ns };
  const reservation = found.get(`${ns}reservation`)?.value;
  if (reservation !== undefined) {
    if (reservation === '0' || reservation === '1') tdm.reservation = Number(reservation);
    else diagnostics.add('tdmrep.invalid-value', 'warning', `tdm:reservation must be 0 or 1`, reservation);
  }
  const policy = found.get(`${ns}policy`)?.value;
  if (policy) tdm.policy = policy;
  summary.tdm = tdm;
}

/** Read the packets (main first; later packets only fill gaps) into a summary and statements. */
export function interpretXmp(
  packets: readonly XmpPacket[],
  diagnostics: DiagnosticList,
  url: string | undefined,
): { summary: XmpSummary; statements: Statement[] } {
  const found: XmpProperties = new Map();
  for (const packet of packets) {
    // A namespace must be declared in the packet that uses it: skip parsing packets without ours.
    if (NAMESPACES.some((ns) => packet.text.includes(ns)))
      readXmpProperties(packet.text, WANTED, found, diagnostics);
  }
  const summary: XmpSummary = { locations: packets.map((p) => p.location) };
  const statements: Statement[] = [];
  const dm = found.get(`${PLUS}DataMining`);
  const other = found.get(`${PLUS}OtherConstraints`);
  if (other) summary.otherConstraints = other.value;
  if (dm) {
    const code = dataMiningCode(dm.value);
    summary.dataMining = code ? { code, raw: dm.value } : { raw: dm.value };
    if (!code)
      diagnostics.add('iptc.unknown-value', 'warning', 'plus:DataMining value is not a PLUS code', dm.value);
    statements.push(...iptcStatements(summary, dm.name, url));
  }
  readTdm(found, summary, diagnostics);
  if (summary.tdm) statements.push(...tdmStatements(found, summary, url));
  const provenance = found.get(`${DCTERMS}provenance`);
  if (provenance) summary.provenance = provenance.value;
  return { summary, statements };
}
