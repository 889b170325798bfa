import { hasAscii } from '../bytes.js';
import type { ContainerHandler, ReadContext } from './types.js';
import { storeBytes } from './walk.js';

// A sidecar `.c2pa` file (media type application/c2pa) is the JUMBF manifest
// store itself: a `jumb` superbox whose description box has the `c2pa` type.
function readManifest(b: Uint8Array, ctx: ReadContext): Uint8Array | undefined {
  return storeBytes(b, 0, b.length, ctx, 'sidecar manifest store');
}

/** Sidecar `.c2pa`: the whole file is the store. */
export const sidecarHandler: ContainerHandler = {
  name: 'c2pa',
  sniff: (head) =>
    hasAscii(head, 4, 'jumb') && hasAscii(head, 12, 'jumd') && hasAscii(head, 16, 'c2pa')
      ? 'c2pa'
      : undefined,
  readManifest,
};
