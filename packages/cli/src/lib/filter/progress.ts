/** Where progress goes: a stream that may be a terminal. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Counts reported to the progress display. */
export interface ProgressCounts {
  done: number;
  kept: number;
  excluded: number;
  errors: number;
  /** Estimated total records, when known. */
  total?: number;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(s % 60).padStart(2, '0')}s`;
}

/**
 * A progress bar with counts, rate and ETA on a terminal; a plain line every
 * `intervalMs` otherwise (logs and CI keep a readable record).
 */
export class Progress {
  readonly #stream: ProgressStream;
  readonly #intervalMs: number;
  readonly #started = Date.now();
  readonly #startDone: number;
  #last = Date.now();
  #drawn = false;

  constructor(stream: ProgressStream, options: { intervalMs?: number; startDone?: number } = {}) {
    this.#stream = stream;
    this.#intervalMs = options.intervalMs ?? (stream.isTTY ? 200 : 5000);
    this.#startDone = options.startDone ?? 0;
  }

  /** Report counts; drawn only when the interval has passed. */
  update(counts: ProgressCounts): void {
    const now = Date.now();
    if (now - this.#last < this.#intervalMs) return;
    this.#last = now;
    this.#draw(counts, now);
  }

  /** Draw the final state and leave the terminal line. */
  finish(counts: ProgressCounts): void {
    this.#draw(counts, Date.now());
    if (this.#drawn && this.#stream.isTTY) this.#stream.write('\n');
  }

  #draw(counts: ProgressCounts, now: number): void {
    const seconds = Math.max((now - this.#started) / 1000, 1e-3);
    const rate = (counts.done - this.#startDone) / seconds;
    const total = counts.total && counts.total >= counts.done ? counts.total : undefined;
    const eta = total ? duration((total - counts.done) / rate) : '?';
    const text =
      `${counts.done.toLocaleString('en')}${total ? ` / ~${total.toLocaleString('en')}` : ''} URLs` +
      ` | kept ${counts.kept} | excluded ${counts.excluded} | errors ${counts.errors}` +
      ` | ${Math.round(rate).toLocaleString('en')}/s | ETA ${eta}`;
    this.#drawn = true;
    if (!this.#stream.isTTY) {
      this.#stream.write(`progress: ${text}\n`);
      return;
    }
    const width = 24;
    const filled = total ? Math.round((width * counts.done) / total) : 0;
    const bar = total ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ` : '';
    const line = (bar + text).slice(0, (this.#stream.columns ?? 120) - 1);
    this.#stream.write(`\r\x1b[2K${line}`);
  }
}
