import type { Decision } from '@optout/core';
import type { InputRecord } from './input.js';

/** A record and its decision: undefined for an unreadable record, or until its check settles. */
interface Entry {
  record: InputRecord;
  decision: Decision | undefined;
  settled: boolean;
  /** Settles with the check (checks of the network only). */
  wait?: Promise<void>;
}

/**
 * Records kept in input order: each is handed to `write` once it and every
 * record before it are decided, so outputs follow the input line by line
 * while checks of different origins settle in any order.
 */
export class InOrder {
  readonly #write: (record: InputRecord, decision: Decision | undefined) => void;
  readonly #entries: Entry[] = [];
  #head = 0;

  constructor(write: (record: InputRecord, decision: Decision | undefined) => void) {
    this.#write = write;
  }

  /** Records not written yet. */
  get waiting(): number {
    return this.#entries.length - this.#head;
  }

  /**
   * A record decided now (cached, or unreadable): written at once when
   * nothing waits ahead of it, without a promise either way.
   */
  decided(record: InputRecord, decision: Decision | undefined): void {
    // Checks ahead may have settled since the last write: they go first.
    if (this.#head < this.#entries.length) this.flush();
    if (this.#head === this.#entries.length) this.#write(record, decision);
    else this.#entries.push({ record, decision, settled: true });
  }

  /** A record whose decision `check` will give. */
  checking(record: InputRecord, check: Promise<Decision>): void {
    const entry: Entry = { record, decision: undefined, settled: false };
    entry.wait = check.then((decision) => {
      entry.decision = decision;
      entry.settled = true;
    });
    this.#entries.push(entry);
    this.flush();
  }

  /** Write every record whose turn has come. */
  flush(): void {
    const entries = this.#entries;
    while (this.#head < entries.length && entries[this.#head]!.settled) {
      const entry = entries[this.#head++]!;
      this.#write(entry.record, entry.decision);
    }
    if (this.#head === entries.length) {
      entries.length = 0;
      this.#head = 0;
    }
  }

  /** Wait for the oldest record's decision, then write what can be. */
  async next(): Promise<void> {
    await this.#entries[this.#head]?.wait;
    this.flush();
  }

  /** Wait for every record and write them all. */
  async drain(): Promise<void> {
    while (this.waiting > 0) await this.next();
  }
}
