import { createInterface } from 'node:readline/promises';
import type { Input, Output } from '../io.js';

/** Ask one question per call on a terminal; an empty answer (or end of input) takes the default. */
export interface Asker {
  ask(question: string, fallback: string): Promise<string>;
  close(): void;
}

/**
 * Questions over node:readline. Answers are read from the line iterator,
 * which buffers lines typed (or pasted) ahead of the next question.
 */
export function terminalAsker(input: Input, output: Output): Asker {
  const terminal = output.isTTY === true;
  const rl = createInterface({
    input,
    ...(terminal ? { output: output as NodeJS.WritableStream } : {}),
    terminal,
  });
  const lines = rl[Symbol.asyncIterator]();
  return {
    async ask(question, fallback) {
      output.write(`${question} (${fallback || 'none'}): `);
      const next = await lines.next();
      return (next.done ? '' : next.value.trim()) || fallback;
    },
    close: () => rl.close(),
  };
}
