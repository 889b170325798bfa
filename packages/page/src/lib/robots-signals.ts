import type { Category, Diagnostic, Evidence, Statement } from '@optout/core';
import type { Directive } from './directives.js';
import type { ResolvedPageOptions } from './options.js';

/** Statements read from robots directives, split by what they are about. */
export interface RobotsReading {
  /** About the response itself. */
  statements: Statement[];
  /**
   * About the images a page references (`noimageai` on a non-image response):
   * apply them when deciding about those images, not about the page text.
   */
  imageStatements: Statement[];
  diagnostics: Diagnostic[];
}

/** Where the directives came from. */
export interface DirectiveContext {
  source: 'x-robots-tag' | 'meta-robots';
  evidence: Evidence;
  /** The response is an image (its content type is `image/*`). */
  isImage: boolean;
  options: ResolvedPageOptions;
}

// Bing and Amazon document `noarchive` as "do not use for model training" for
// their own crawlers only (SIGNALS §7.2); Bing's `nocache` goes further (only
// URL, title and snippet may be used), so it also reserves training.
const VENDOR_TRAINING: Record<string, readonly string[]> = {
  noarchive: ['bingbot', 'Amazonbot'],
  nocache: ['bingbot'],
};

type Meaning = { about: 'response' | 'images'; note?: string } | undefined;

function meaning(name: string, ctx: DirectiveContext): Meaning {
  const forImages = (note?: string): Meaning =>
    ctx.isImage
      ? { about: 'response', ...(note ? { note } : {}) }
      : { about: 'images', ...(note ? { note } : {}) };
  switch (name) {
    case 'noai':
      return { about: 'response' };
    case 'noimageai':
      return forImages();
    case 'noindex':
    case 'none':
      return ctx.options.noindexIsOptOut ? { about: 'response', note: 'noindexIsOptOut option' } : undefined;
    case 'noimageindex':
      return ctx.options.noindexIsOptOut ? forImages('noindexIsOptOut option') : undefined;
    default:
      return undefined;
  }
}

function agentScope(directive: Directive): string[] | undefined {
  return directive.agent === undefined ? undefined : [directive.agent];
}

// The vendors a vendor-specific directive binds; none when it is scoped to another crawler.
function vendorScope(directive: Directive, vendors: readonly string[]): string[] {
  if (directive.agent === undefined) return [...vendors];
  const wanted = directive.agent.toLowerCase();
  return vendors.filter((v) => v.toLowerCase() === wanted);
}

function statement(
  directive: Directive,
  category: Category,
  agents: string[] | undefined,
  ctx: DirectiveContext,
  note?: string,
): Statement {
  const s: Statement = {
    category,
    value: 'disallow',
    source: ctx.source,
    scope: agents ? { agents } : {},
    evidence: { ...ctx.evidence },
    label: directive.name,
  };
  if (note) s.note = note;
  return s;
}

/**
 * Turn robots directives into statements: `noai` → `train-ai` (and `ai-input`
 * unless turned off) disallow; `noimageai` → the same for images; `noarchive`
 * (and Bing's `nocache`) → vendor-scoped `train-ai` disallow; `noindex` and
 * `noimageindex` only with `noindexIsOptOut`.
 */
export function directivesToStatements(
  directives: readonly Directive[],
  ctx: DirectiveContext,
): RobotsReading {
  const out: RobotsReading = { statements: [], imageStatements: [], diagnostics: [] };
  for (const directive of directives) {
    const vendors = VENDOR_TRAINING[directive.name];
    if (vendors) {
      const agents = vendorScope(directive, vendors);
      if (agents.length) {
        const note = `${vendors.join(' and ')} document ${directive.name} as a model-training opt-out for their crawlers`;
        out.statements.push(statement(directive, 'train-ai', agents, ctx, note));
      }
      continue;
    }
    if (directive.name === 'noml') {
      out.diagnostics.push({
        code: 'page.unsupported-directive',
        severity: 'info',
        message: '"noml" is a proposed token that no peer reads; it is reported, not applied.',
        raw: ctx.evidence.raw,
      });
      continue;
    }
    const m = meaning(directive.name, ctx);
    if (!m) continue;
    const agents = agentScope(directive);
    const target = m.about === 'images' ? out.imageStatements : out.statements;
    const note = m.about === 'images' ? joinNotes('about the images this page references', m.note) : m.note;
    target.push(statement(directive, 'train-ai', agents, ctx, note));
    if (ctx.options.noaiCoversAiInput) {
      target.push(
        statement(directive, 'ai-input', agents, ctx, joinNotes('conservative reading of noai', note)),
      );
    }
  }
  if (out.imageStatements.length) {
    out.diagnostics.push({
      code: 'page.noimageai-on-page',
      severity: 'info',
      message: 'noimageai on a non-image response reserves the images it references, not the page text.',
      raw: ctx.evidence.raw,
    });
  }
  return out;
}

function joinNotes(a: string, b?: string): string {
  return b ? `${a}; ${b}` : a;
}
