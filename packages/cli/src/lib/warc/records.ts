import { createReadStream } from 'node:fs';
import { WARCParser, type WARCRecord } from 'warcio';

/** What `warc` needs from one WARC record. */
export interface WarcEntry {
  type: string;
  uri: string | undefined;
  recordId: string | undefined;
  concurrentTo: string | undefined;
  status: number | undefined;
  headers: Array<[string, string]>;
  /** The decoded HTTP payload, when it was asked for and is within the cap. */
  payload?: Uint8Array;
  /** Byte offset and length of the record in its file (a gzip member in .warc.gz). */
  offset: number;
  length: number;
}

function headerList(record: WARCRecord): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const headers = record.httpHeaders?.headers as Iterable<[string, string]> | undefined;
  if (headers) for (const [name, value] of headers) out.push([name.toLowerCase(), value]);
  return out;
}

/**
 * Stream the records of a WARC file (1.0 or 1.1, plain or gzip members).
 * `want(entry)` says whether the payload is needed; payloads over `maxBytes`
 * (by Content-Length) are skipped, never buffered.
 */
export async function* readWarc(
  path: string,
  want: (entry: WarcEntry) => boolean,
  maxBytes = 2 * 1024 * 1024,
): AsyncGenerator<WarcEntry> {
  const parser = new WARCParser(createReadStream(path));
  for await (const record of parser) {
    const status = record.httpHeaders?.statusCode;
    const entry: WarcEntry = {
      type: record.warcType,
      uri: record.warcTargetURI ?? undefined,
      recordId: record.warcHeader('WARC-Record-ID') ?? undefined,
      concurrentTo: record.warcHeader('WARC-Concurrent-To') ?? undefined,
      status: status === undefined ? undefined : Number(status),
      headers: headerList(record),
      offset: 0,
      length: 0,
    };
    if (want(entry) && record.warcContentLength <= maxBytes) entry.payload = await record.readFully(true);
    else await record.skipFully();
    entry.offset = parser.offset;
    entry.length = parser.recordLength;
    yield entry;
  }
}
