// Loading a registry from a JSONL file line by line (node entry: it reads files),
// so a large registry never has to exist as one string.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '@optout/core';
import { IsccRegistry, type RegistryOptions } from './registry.js';

/**
 * Load declarations from a JSONL file (path or `file:` URL), streaming its
 * lines. The registry's `url` defaults to the file's `file:` URL.
 */
export async function loadRegistryFile(
  path: string | URL,
  options: RegistryOptions = {},
): Promise<{ registry: IsccRegistry; diagnostics: Diagnostic[] }> {
  const url = options.url ?? (path instanceof URL ? path.href : pathToFileURL(path).href);
  const registry = new IsccRegistry({ ...options, url });
  const diagnostics: Diagnostic[] = [];
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const raw of lines) diagnostics.push(...registry.addLine(raw, ++line));
  return { registry, diagnostics };
}
