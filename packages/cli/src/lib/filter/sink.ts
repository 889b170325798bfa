import { closeSync, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';

const FLUSH_BYTES = 1 << 16;

/**
 * An append-only output file that knows its own length, so a checkpoint can
 * record it and a resumed run can cut the file back to it. Writes are batched;
 * `sync` flushes and fsyncs.
 */
export class Sink {
  readonly path: string;
  #fd: number;
  #bytes: number;
  #pending: string[] = [];
  #pendingChars = 0;
  #buffer = Buffer.alloc(0);

  /** Open `path`, keeping its first `keep` bytes (0: start empty). */
  constructor(path: string, keep = 0) {
    this.path = path;
    this.#fd = openSync(path, keep > 0 ? 'r+' : 'w');
    ftruncateSync(this.#fd, keep);
    this.#bytes = keep;
  }

  /** Bytes written so far, pending ones included (they are flushed to count them). */
  get bytes(): number {
    this.flush();
    return this.#bytes;
  }

  /** Append text (the caller ends lines with `\n`). Bytes are counted at flush, not per line. */
  write(text: string): void {
    this.#pending.push(text);
    this.#pendingChars += text.length;
    if (this.#pendingChars >= FLUSH_BYTES) this.flush();
  }

  /** Hand pending text to the OS. */
  flush(): void {
    if (!this.#pendingChars) return;
    const text = this.#pending.join('');
    // Encoded into one reused buffer (3 bytes per UTF-16 unit at most): a new
    // buffer per batch would churn hundreds of MB of external memory on a long run.
    if (this.#buffer.length < 3 * text.length) this.#buffer = Buffer.allocUnsafe(3 * text.length);
    const length = this.#buffer.write(text);
    let done = 0;
    while (done < length) done += writeSync(this.#fd, this.#buffer, done, length - done, this.#bytes + done);
    this.#bytes += length;
    this.#pending = [];
    this.#pendingChars = 0;
  }

  /** Flush and make the bytes durable (nothing to do once closed). */
  sync(): void {
    if (this.#fd < 0) return;
    this.flush();
    fsyncSync(this.#fd);
  }

  /** Sync and close. */
  close(): void {
    this.sync();
    closeSync(this.#fd);
    this.#fd = -1;
  }
}
