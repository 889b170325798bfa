import { KNOWN_AGENTS } from './agents.generated.js';

/** What an agent's fetches are for, as its operator documents it. */
export type PurposeClass = 'training' | 'ai-search' | 'user-fetch' | 'search' | 'control-token';

/** One known crawler or control token. */
export interface KnownAgent {
  /** The product token robots.txt groups name. */
  token: string;
  operator?: string;
  purpose: PurposeClass;
  /** False for control tokens (Google-Extended, Applebot-Extended), which never fetch. */
  fetches: boolean;
  /** For a control token: the crawlers whose fetched content it governs. */
  governs?: string[];
}

const byToken = new Map(KNOWN_AGENTS.map((agent) => [agent.token.toLowerCase(), agent]));

/** Look up a product token, case-insensitively. */
export function findAgent(token: string): KnownAgent | undefined {
  return byToken.get(token.toLowerCase());
}

/** Every known agent, sorted by token. */
export function knownAgents(): readonly KnownAgent[] {
  return KNOWN_AGENTS;
}

/**
 * Is a Disallow aimed at this token evidence against AI training? True for
 * training crawlers and control tokens.
 */
export function isTrainingToken(token: string): boolean {
  const purpose = findAgent(token)?.purpose;
  return purpose === 'training' || purpose === 'control-token';
}

/** The control tokens that govern what this crawler fetches (`Applebot` gives `Applebot-Extended`). */
export function controlTokensFor(token: string): string[] {
  const wanted = token.toLowerCase();
  return KNOWN_AGENTS.filter((agent) => agent.governs?.some((t) => t.toLowerCase() === wanted)).map(
    (agent) => agent.token,
  );
}
