import type { Diagnostic, Severity } from '@optout/core';

/** Collects diagnostics up to a cap, so a hostile file cannot flood memory with them. */
export class DiagnosticList {
  readonly items: Diagnostic[] = [];
  private dropped = 0;

  constructor(private readonly max: number) {}

  /** Record a finding. */
  add(code: string, severity: Severity, message: string, raw?: string): void {
    if (this.items.length >= this.max) {
      this.dropped++;
      return;
    }
    this.items.push(raw === undefined ? { code, severity, message } : { code, severity, message, raw });
  }

  /** The diagnostics, with a closing note when some were dropped. */
  finish(): Diagnostic[] {
    if (this.dropped === 0) return this.items;
    return [
      ...this.items,
      {
        code: 'media.too-many-diagnostics',
        severity: 'warning',
        message: `${this.dropped} further diagnostics were dropped`,
      },
    ];
  }
}
