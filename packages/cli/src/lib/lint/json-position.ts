/** A 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

const escapePart = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Where the value at a JSON Pointer (RFC 6901) starts in a JSON text, so that
 * diagnostics that carry only a pointer can be shown as file:line:col. Scans
 * the text once; undefined when the text is not valid JSON or the pointer
 * names nothing in it.
 */
export function locatePointer(text: string, pointer: string): Position | undefined {
  let i = 0;
  let found: number | undefined;
  const space = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string): void => {
    space();
    if (path === pointer) found = i;
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      for (let index = 0; text[i] !== close; index++) {
        if (i >= text.length) throw new SyntaxError('unterminated');
        let key = String(index);
        if (close === '}') {
          key = string();
          space();
          i++; // the colon
        }
        value(`${path}/${escapePart(key)}`);
        space();
        if (text[i] === ',') i++;
        space();
      }
      i++;
    } else if (c === '"') string();
    else while (i < text.length && !',]} \t\r\n'.includes(text[i]!)) i++;
  };
  try {
    JSON.parse(text);
    value('');
  } catch {
    return undefined;
  }
  if (found === undefined) return undefined;
  const before = text.slice(0, found).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
