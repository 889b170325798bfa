import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import type { TdmDiagnostic } from './types.js';

/** An XML document, or why there is none. */
export interface XmlResult {
  document?: Document;
  diagnostics: TdmDiagnostic[];
}

/**
 * Parse XML without throwing. xmldom expands no entities beyond the five
 * predefined ones and never loads external ones, so a hostile DOCTYPE costs
 * nothing. Recoverable errors become warnings; a fatal error leaves no document.
 */
export function parseXml(text: string, what: string): XmlResult {
  const diagnostics: TdmDiagnostic[] = [];
  const onError = (level: 'warning' | 'error' | 'fatalError', message: string) => {
    if (level === 'fatalError') return;
    diagnostics.push({ code: 'tdmrep.xml-warning', severity: 'info', message: `${what}: ${message}` });
  };
  try {
    const document = new DOMParser({ onError }).parseFromString(text, 'text/xml');
    return { document, diagnostics };
  } catch (error) {
    diagnostics.push({
      code: 'tdmrep.invalid-xml',
      severity: 'error',
      message: `${what} is not well-formed XML: ${(error as Error).message}`,
    });
    return { diagnostics };
  }
}

/** Every element below `root` (document order), without recursion. */
export function* elements(root: Document | Element): Generator<Element> {
  const stack: Element[] = [];
  const push = (parent: Document | Element) => {
    const children = parent.childNodes;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]!;
      if (child.nodeType === 1) stack.push(child as Element);
    }
  };
  push(root);
  while (stack.length) {
    const next = stack.pop()!;
    yield next;
    push(next);
  }
}
