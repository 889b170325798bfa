import { headerValues, type Statement } from '@optout/core';
import { readMedia } from '@optout/media';
import { readPage } from '@optout/page';
import { cascade, readEpub, readPdf, readTdmHeaders, readTdmHtml, type TdmStep } from '@optout/tdmrep';
import { type OriginPolicy, originStatements, stampedBy } from './policy.js';
import { type BodyKind, bodyKind, type InspectedResponse } from './response.js';

function bytesOf(body: Uint8Array | string): Uint8Array {
  return typeof body === 'string' ? new TextEncoder().encode(body) : body;
}

/** A `tdmrep.xmp` statement from `@optout/media` as a cascade step, so TDMRep's own order applies to it. */
function xmpStep(statement: Statement): TdmStep {
  return {
    reservation: statement.value === 'disallow' ? 1 : 0,
    source: 'tdmrep.xmp',
    evidence: statement.evidence,
  };
}

/** What the response itself says (not the origin): page signals, TDMRep embedded step, media signals, linked licences. */
interface OwnSignals {
  statements: Statement[];
  embedded?: TdmStep;
  /** RSL licence documents it links to (absolute URLs). */
  licenses: string[];
}

function ownSignals(url: string, response: InspectedResponse, kind: BodyKind | undefined): OwnSignals {
  const { headers, body } = response;
  const contentType = response.contentType ?? headerValues(headers, 'content-type')[0];
  const html = kind === 'html' && body !== undefined ? body : undefined;
  const page = readPage({
    url,
    headers,
    ...(html !== undefined ? { html } : {}),
    ...(contentType ? { contentType } : {}),
  });
  const statements = [...page.statements];
  const licenses = page.links.rsl;
  if (body === undefined || kind === undefined) return { statements, licenses };
  if (kind === 'html') return { statements, licenses, ...stepOf(readTdmHtml(body, { url }).value) };
  if (kind === 'pdf') return { statements, licenses, ...stepOf(readPdf(bytesOf(body), { url }).value) };
  if (kind === 'epub') return { statements, licenses, ...stepOf(readEpub(bytesOf(body), { url }).value) };
  let embedded: TdmStep | undefined;
  for (const statement of readMedia(bytesOf(body)).statements) {
    if (statement.source === 'tdmrep.xmp') embedded = xmpStep(statement);
    else statements.push(statement);
  }
  return { statements, licenses, ...stepOf(embedded) };
}

function stepOf(step: TdmStep | undefined): { embedded?: TdmStep } {
  return step ? { embedded: step } : {};
}

/** What a fetched URL's origin and response say about it, and the licences the response links to. */
export interface ResponseReading {
  statements: Statement[];
  /** RSL licence documents the response links to (absolute URLs), to be read by the caller. */
  licenses: string[];
}

/**
 * Every statement for a fetched URL: the origin's files, the response's
 * headers and body, and TDMRep's cascade over tdmrep.json, the
 * `tdm-reservation` headers and the embedded metadata (later wins in `spec`
 * mode; any reservation wins in `conservative` mode).
 */
export function readResponse(
  url: string,
  response: InspectedResponse,
  policy: OriginPolicy,
  token: string,
): ResponseReading {
  const contentType = response.contentType ?? headerValues(response.headers, 'content-type')[0];
  const own = ownSignals(url, response, bodyKind(contentType));
  const file = policy.tdmrep?.lookup(url);
  const header = readTdmHeaders(response.headers, { url }).value;
  const tdm = cascade(
    {
      ...(file ? { file } : {}),
      ...(header ? { header } : {}),
      ...(own.embedded ? { embedded: own.embedded } : {}),
    },
    { mode: policy.tdmrepMode },
  );
  const statements = [
    ...originStatements(policy, url, token, { tdmrep: false }),
    ...own.statements,
    ...tdm.statements,
  ];
  // As `check` gives them: the origin files' statements say when and what was retrieved.
  return { statements: statements.map((s) => stampedBy(policy, s)), licenses: own.licenses };
}
