import { decode } from 'cbor2';
import { utf8 } from '../bytes.js';
import type { Box } from './jumbf.js';

/** Decode a `cbor` or `json` content box; `undefined` (with the reason) if it does not decode. */
export function decodeContent(b: Uint8Array, box: Box): { value?: unknown; error?: string } {
  const payload = b.subarray(box.payload, box.end);
  try {
    if (box.type === 'cbor') return { value: decode(payload) };
    if (box.type === 'json') return { value: JSON.parse(utf8(payload)) };
    return { error: `content box type ${JSON.stringify(box.type)} is not CBOR or JSON` };
  } catch (error) {
    // Library errors on hostile input (including deep nesting) become diagnostics.
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** A plain-object view of a decoded CBOR/JSON map, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  if (value instanceof Map) return Object.fromEntries([...value].filter(([k]) => typeof k === 'string'));
  return typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array)
    ? (value as Record<string, unknown>)
    : undefined;
}
