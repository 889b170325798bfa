// Instance-Code (iscc-core code_instance.py): BLAKE3 of the exact bytes.
import { encodeComponent, MainType, SubType } from './codec.js';
import { CORE_OPTIONS } from './constants.js';
import { type ByteSource, feed } from './data.js';
import { Blake3, multihashBlake3 } from './hash.js';

/** Result of `genInstanceCodeV0`. */
export interface InstanceCodeResult {
  iscc: string;
  /** `1e20` + hex BLAKE3 of all bytes. */
  datahash: string;
  /** Number of bytes. */
  filesize: number;
}

/** Push API for Instance-Codes: feed chunks, then `result()`. */
export class InstanceHasher {
  private readonly hasher = new Blake3();
  private size = 0;

  /** Feed the next bytes. */
  push(data: Uint8Array): this {
    this.hasher.update(data);
    this.size += data.length;
    return this;
  }

  /** The Instance-Code result of all bytes fed; finishes the hasher. */
  result(bits: number = CORE_OPTIONS.instance_bits): InstanceCodeResult {
    const digest = this.hasher.digest();
    return {
      iscc: `ISCC:${encodeComponent(MainType.INSTANCE, SubType.NONE, 0, bits, digest)}`,
      datahash: multihashBlake3(digest),
      filesize: this.size,
    };
  }
}

/** Instance-Code of bytes, of chunks, or (returning a promise) of a stream, in constant memory. */
export function genInstanceCodeV0(data: Uint8Array | Iterable<Uint8Array>, bits?: number): InstanceCodeResult;
/** Instance-Code of a stream (async iterable of byte chunks), in constant memory. */
export function genInstanceCodeV0(
  data: AsyncIterable<Uint8Array>,
  bits?: number,
): Promise<InstanceCodeResult>;
export function genInstanceCodeV0(
  data: ByteSource,
  bits: number = CORE_OPTIONS.instance_bits,
): InstanceCodeResult | Promise<InstanceCodeResult> {
  return feed(data, new InstanceHasher(), (hasher) => hasher.result(bits));
}
