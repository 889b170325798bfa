import { hasAscii, indexOfByte, latin1 } from '../bytes.js';
import type { ReadContext } from '../containers/types.js';
import { type Box, readBox } from '../iso-box.js';

// JUMBF (ISO 19566-5): ISO boxes (iso-box.ts). A `jumb` superbox opens
// with a `jumd` description box: type UUID (16), toggles (1), then an
// optional NUL-terminated label.

/** A `jumb` superbox: description, content boxes and child superboxes. */
export interface SuperBox {
  box: Box;
  /** First four bytes of the description type UUID as text: `c2pa`, `c2ma`, `c2as`, `cbor`, ... */
  kind: string;
  label?: string;
  children: SuperBox[];
  /** Content boxes after the description (`cbor`, `json`, `bfdb`, `bidb`, ...). */
  content: Box[];
}

interface WalkState {
  boxes: number;
}

/** Parse the superbox whose header is `box`. Damage is reported and cuts the walk short. */
function parseSuperBox(
  b: Uint8Array,
  box: Box,
  ctx: ReadContext,
  depth: number,
  state: WalkState,
): SuperBox | undefined {
  const desc = readBox(b, box.payload, box.end);
  if (desc?.type !== 'jumd' || desc.end - desc.payload < 17) {
    ctx.diagnostics.add(
      'c2pa.jumbf-malformed',
      'warning',
      `JUMBF: superbox at ${box.start} has no description box`,
    );
    return undefined;
  }
  const kind = latin1(b, desc.payload, 4);
  const toggles = b[desc.payload + 16]!;
  let label: string | undefined;
  if (toggles & 0x02) {
    const from = desc.payload + 17;
    const nul = indexOfByte(b, 0, from, desc.end);
    label = latin1(b, from, (nul === -1 ? desc.end : nul) - from);
  }
  const node: SuperBox = { box, kind, children: [], content: [] };
  if (label !== undefined) node.label = label;
  for (let o = desc.end; o < box.end; ) {
    if (++state.boxes > ctx.limits.maxBoxes) {
      ctx.diagnostics.add('media.too-many-boxes', 'warning', 'JUMBF: too many boxes, stopped reading');
      return node;
    }
    const child = readBox(b, o, box.end);
    if (!child) {
      ctx.diagnostics.add('c2pa.jumbf-malformed', 'warning', `JUMBF: box at ${o} runs past its superbox`);
      return node;
    }
    if (child.type === 'jumb') {
      if (depth + 1 >= ctx.limits.maxDepth) {
        ctx.diagnostics.add('media.too-deep', 'warning', 'JUMBF: superboxes nested too deeply');
        return node;
      }
      const sub = parseSuperBox(b, child, ctx, depth + 1, state);
      if (sub) node.children.push(sub);
    } else node.content.push(child);
    o = child.end;
  }
  return node;
}

/** Parse a manifest store: the top-level `jumb` box must describe itself as `c2pa`. */
export function parseStore(b: Uint8Array, ctx: ReadContext): SuperBox | undefined {
  const top = readBox(b, 0, b.length);
  if (top?.type !== 'jumb' || !hasAscii(b, top.payload + 8, 'c2pa')) {
    ctx.diagnostics.add('c2pa.jumbf-malformed', 'warning', 'the manifest store is not a c2pa JUMBF superbox');
    return undefined;
  }
  return parseSuperBox(b, top, ctx, 0, { boxes: 0 });
}
