import { createInterface } from 'node:readline/promises';
import { UsageError } from '../exit.js';
import type { Input, Output } from '../io.js';

/** Ask one question per call on a terminal; an empty answer (or end of input) takes the default. */
export interface Asker {
  ask(question: string, fallback: string): Promise<string>;
  /** Print a line between questions. */
  say(line: string): void;
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
    say: (line) => output.write(`${line}\n`),
    close: () => rl.close(),
  };
}

/**
 * Ask until `parse` accepts the answer: a rejected answer (a `UsageError`)
 * is explained and the question asked again, at most `tries` times.
 */
export async function askUntilValid<T>(
  asker: Asker,
  question: string,
  fallback: string,
  parse: (answer: string) => T,
  tries = 3,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return parse(await asker.ask(question, fallback));
    } catch (error) {
      if (!(error instanceof UsageError) || attempt >= tries) throw error;
      asker.say(`${error.message}; try again.`);
    }
  }
}
