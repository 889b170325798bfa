import type { ReadContext } from './types.js';

// What every container walk shares: units (boxes, chunks, segments, frames)
// read one after another, at most maxBoxes of them, and a manifest store
// taken from a unit's payload only within maxManifestBytes.

/**
 * The units of a container from offset `first`: `read` returns the unit at
 * an offset with the offset of the next one, or undefined to stop (after
 * reporting any damage). Stops with a diagnostic after `maxBoxes` units;
 * `what` names the container in it.
 */
export function* walk<U extends { next: number }>(
  ctx: ReadContext,
  what: string,
  first: number,
  read: (o: number) => U | undefined,
): Generator<U> {
  let o = first;
  for (let count = 0; ; count++) {
    const unit = read(o);
    if (!unit) return;
    if (count >= ctx.limits.maxBoxes) {
      ctx.diagnostics.add('media.too-many-boxes', 'warning', `${what}: too many units, stopped reading`);
      return;
    }
    yield unit;
    o = unit.next;
  }
}

/** `b[start, end)` as the manifest store, unless it exceeds maxManifestBytes (reported as `what`). */
export function storeBytes(
  b: Uint8Array,
  start: number,
  end: number,
  ctx: ReadContext,
  what: string,
): Uint8Array | undefined {
  if (end - start > ctx.limits.maxManifestBytes) {
    ctx.diagnostics.add('media.too-large', 'warning', `${what} exceeds maxManifestBytes`);
    return undefined;
  }
  return b.subarray(start, end);
}
