/** One retrieval made by the audit: an origin file or a page. */
export interface Fetched {
  url: string;
  /** HTTP status of the final response; absent when the request failed. */
  status?: number;
  /** Why the request failed (timeout, connection refused, ...). */
  error?: string;
  headers: Array<[string, string]>;
  /** The body, for 2xx responses. */
  body?: Uint8Array;
  retrievedAt: string;
}

/** Everything the audit read from one site. */
export interface SiteSnapshot {
  /** The URL the audit was asked about. */
  site: string;
  origin: string;
  robots: Fetched;
  aiTxt: Fetched;
  tdmrep: Fetched;
  /** The RSL licence documents robots.txt names, as the gate read them. */
  licenses: Fetched[];
  pages: Fetched[];
}

/** True for a response whose body is the file (2xx). */
export function usable(file: Fetched | undefined): file is Fetched & { body: Uint8Array } {
  return !!file && file.status !== undefined && file.status >= 200 && file.status < 300 && !!file.body;
}

/** The value of a response header (first line), case-insensitive. */
export function header(file: Fetched, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return file.headers.find(([key]) => key.toLowerCase() === wanted)?.[1];
}

/** True when the response is an HTML document. */
export function isHtml(file: Fetched): boolean {
  return /html/i.test(header(file, 'content-type') ?? '');
}

/** The response header block as `curl -i` prints it, for parsers that take one. */
export function headerBlock(file: Fetched): string {
  return (
    `HTTP/1.1 ${file.status ?? 0}\r\n` + file.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n'
  );
}

/** Same-origin links of an HTML page, in document order, without fragments or duplicates. */
export function pageLinks(html: string, base: string, origin: string): string[] {
  const out = new Set<string>();
  for (const match of html.matchAll(/<a\s[^>]*?href\s*=\s*["']([^"'#]+)["']/gi)) {
    try {
      const url = new URL(match[1]!, base);
      if (url.origin === origin) out.add(url.href);
    } catch {
      // not a URL: skip
    }
  }
  return [...out];
}
