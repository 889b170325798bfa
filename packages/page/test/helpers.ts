import { readFileSync } from 'node:fs';
import { type Category, decide, type Statement } from '@optout/core';

/** A fixture file's bytes. */
export const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

/** A fixture JSON file. */
export const fixtureJson = <T>(name: string): T => JSON.parse(fixture(name).toString('utf8')) as T;

/** allow / disallow / unknown for one agent and category, through core's decide(). */
export function verdict(statements: readonly Statement[], category: Category, agent = 'anybot'): string {
  const { status } = decide({
    url: 'https://x.example/',
    agent,
    purpose: category,
    statements,
    inheritance: false,
  });
  return status === 'allowed' ? 'allow' : status === 'disallowed' ? 'disallow' : 'unknown';
}
