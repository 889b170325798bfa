// Plain text from HTML for Text-Codes, deliberately simple (iscc-sdk uses
// Apache Tika): drop comments and script/style/template/noscript/head
// elements, turn block-level tags into line breaks, strip every other tag,
// decode the common character references. No DOM is built.
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Visible text of an HTML document, tags stripped (see the module comment for what "simple" means). */
export function htmlToText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|template|noscript|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(
      /<\/?(p|div|br|li|h[1-6]|tr|section|article|blockquote|pre|table|ul|ol|header|footer)\b[^>]*>/gi,
      '\n',
    )
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (ref, body: string) => {
      if (body[0] !== '#') return NAMED[body.toLowerCase()] ?? ref;
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ref;
    });
}
