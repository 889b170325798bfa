import { parseAiTxt } from '@optout/aitxt';
import {
  type DecisionError,
  type Diagnostic,
  decodeText,
  type HeaderInput,
  parseHeaderBlock,
  type Statement,
} from '@optout/core';
import { parseRsl, readPage } from '@optout/page';
import { parseRobots } from '@optout/robots';
import {
  cascade,
  parseTdmrepFile,
  readTdmHeaders,
  readTdmHtml,
  type TdmReading,
  type TdmSteps,
} from '@optout/tdmrep';

/** The local files `optout check` evaluates, each as (display path, bytes). */
export interface CheckFiles {
  robots?: LocalFile;
  aiTxt?: LocalFile;
  tdmrep?: LocalFile;
  headers?: LocalFile;
  html?: LocalFile;
  /** A media file (the work itself): C2PA, IPTC and TDMRep-in-XMP statements, read by `addWorkSignals`. */
  media?: LocalFile;
  /** RSL licence documents (what robots.txt `License:` lines name). */
  rsl?: LocalFile[];
}

/** A file given on the command line: the path as typed, and its bytes. */
export interface LocalFile {
  path: string;
  bytes: Uint8Array;
}

/** How the sources are read. */
export interface ReadOptions {
  url: string;
  agent: string;
  robotsInference: 'none' | 'vendor' | 'any-training-token';
  tdmrepMode: 'spec' | 'conservative';
  /** Which tdmrep.json rule applies; default `first` (the spec). */
  tdmrepOrder?: 'first' | 'longest';
}

/** The diagnostics one file produced. */
export interface FileDiagnostics {
  path: string;
  diagnostics: readonly Diagnostic[];
}

/** Every statement read from the files, the errors to put in the decision, and the diagnostics. */
export interface Gathered {
  statements: Statement[];
  errors: DecisionError[];
  diagnostics: FileDiagnostics[];
}

/**
 * Add what one file said to `out`: its statements (evidence pointing at the
 * file), its diagnostics, and its error diagnostics as decision errors.
 */
export function collect(
  out: Gathered,
  file: LocalFile,
  source: string,
  statements: readonly Statement[],
  diagnostics: readonly Diagnostic[],
): void {
  out.statements.push(...statements.map((s) => fromFile(s, file.path)));
  if (diagnostics.length) out.diagnostics.push({ path: file.path, diagnostics });
  for (const d of diagnostics.filter((d) => d.severity === 'error')) {
    const message = d.line ? `line ${d.line}: ${d.message}` : d.message;
    out.errors.push({ source, code: d.code, message, url: file.path });
  }
}

/**
 * Read every given file and collect its statements for (url, agent). Offline
 * evaluation has one "document" per file, so every statement's evidence names
 * the file it came from. TDMRep's file, header and HTML values go through the
 * TDMRep cascade first (its own override order); everything else is combined
 * later by `decide`.
 */
export function gatherStatements(files: CheckFiles, options: ReadOptions): Gathered {
  const out: Gathered = { statements: [], errors: [], diagnostics: [] };
  const add: Adder = (file, source, statements, diagnostics) =>
    collect(out, file, source, statements, diagnostics);

  if (files.robots) {
    const robots = parseRobots(files.robots.bytes, {
      url: files.robots.path,
      robotsInference: options.robotsInference,
    });
    add(files.robots, 'robots', robots.statements(options.url, options.agent), robots.diagnostics);
  }
  if (files.aiTxt) {
    const aiTxt = parseAiTxt(files.aiTxt.bytes, { url: files.aiTxt.path });
    add(files.aiTxt, 'aitxt', aiTxt.statements(options.url, options.agent), aiTxt.diagnostics);
  }
  for (const file of files.rsl ?? []) {
    const rsl = parseRsl(file.bytes, { url: file.path, target: options.url });
    add(file, 'rsl', rsl.statements, rsl.diagnostics);
  }
  const headers: HeaderInput | undefined = files.headers ? parseHeaderBlock(text(files.headers)) : undefined;
  const html = files.html ? text(files.html) : undefined;
  gatherTdmrep(files, headers, html, options, add);
  if (files.headers && headers) {
    const page = readPage({ url: options.url, headers });
    add(files.headers, 'page', page.statements, page.diagnostics);
  }
  if (files.html && html !== undefined) {
    const page = readPage({ url: options.url, html, contentType: 'text/html' });
    add(files.html, 'page', page.statements, page.diagnostics);
  }
  return out;
}

type Adder = (
  file: LocalFile,
  source: string,
  statements: readonly Statement[],
  diagnostics: readonly Diagnostic[],
) => void;

/**
 * TDMRep: the file rule, then the header, then the HTML meta, through the
 * cascade. Each step's statement and diagnostics are attributed to the file
 * that carried it.
 */
function gatherTdmrep(
  files: CheckFiles,
  headers: HeaderInput | undefined,
  html: string | undefined,
  options: ReadOptions,
  add: Adder,
): void {
  const steps: TdmSteps = {};
  if (files.tdmrep) {
    const parsed = parseTdmrepFile(files.tdmrep.bytes, {
      url: files.tdmrep.path,
      order: options.tdmrepOrder,
    });
    const match = parsed.match(options.url);
    add(files.tdmrep, 'tdmrep.file', [], [...parsed.diagnostics, ...match.diagnostics]);
    if (match.value) steps.file = match.value;
  }
  const readings: [keyof TdmSteps, LocalFile | undefined, TdmReading | undefined][] = [
    ['header', files.headers, headers ? readTdmHeaders(headers) : undefined],
    ['embedded', files.html, html !== undefined ? readTdmHtml(html) : undefined],
  ];
  for (const [step, file, reading] of readings) {
    if (!file || !reading) continue;
    add(file, `tdmrep.${step === 'header' ? 'header' : 'html'}`, [], reading.diagnostics);
    if (reading.value) steps[step] = reading.value;
  }
  if (!steps.file && !steps.header && !steps.embedded) return;
  const result = cascade(steps, { mode: options.tdmrepMode });
  const carrier: Record<string, LocalFile | undefined> = {
    'tdmrep.file': files.tdmrep,
    'tdmrep.header': files.headers,
    'tdmrep.html': files.html,
  };
  for (const statement of result.statements) {
    const file = carrier[statement.source];
    if (file) add(file, statement.source, [statement], []);
  }
  const first = files.tdmrep ?? files.headers ?? files.html;
  if (first && result.diagnostics.length) add(first, 'tdmrep', [], result.diagnostics);
}

function text(file: LocalFile): string {
  return decodeText(file.bytes).text;
}

/** The evidence of an offline statement points at the local file that carried it. */
function fromFile(statement: Statement, path: string): Statement {
  return { ...statement, evidence: { ...statement.evidence, url: path } };
}
