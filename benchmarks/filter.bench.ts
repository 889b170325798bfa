// `optout filter` on a URL list over many origins served from 127.0.0.1,
// side by side in one run with a naive baseline: robots-parser + p-limit,
// robots.txt only, each origin fetched once. optout checks every signal
// (robots.txt and its AI lines, tdmrep.json, ai.txt) and writes allowed,
// rejected and decisions files with its resume journal; a fourth row reads
// robots.txt only (`--files robots`), one request per origin like the baseline.
// `requests` counts what the site server answered for each subject.
// Each subject runs in its own process; peak RSS is that process's (the
// highest of its rounds). The subjects run in rounds, each round in a rotated
// order, after an unmeasured warm-up of the site server (its own code would
// otherwise run slower for whichever subject comes first); each row gives the
// median round, and the range of its rounds.
// Run: pnpm bench filter   (FILTER_BENCH_URLS=1000000 FILTER_BENCH_ORIGINS=10000
// FILTER_BENCH_ROUNDS=3 by default; FILTER_BENCH_NODE_ARGS="--cpu-prof" passes
// Node flags to the optout processes; FILTER_BENCH_DISTINCT=1 gives every
// site a robots.txt of its own bytes, where they otherwise share two).
// It runs the built CLI: `pnpm build` first.
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pLimit from 'p-limit';
import robotsParserModule from 'robots-parser';
import { Agent, request } from 'undici';
import { type Row, report, row } from './lib/measure.js';

const URLS = Number(process.env.FILTER_BENCH_URLS ?? 1_000_000);
const ORIGINS = Number(process.env.FILTER_BENCH_ORIGINS ?? 10_000);
const ROUNDS = Number(process.env.FILTER_BENCH_ROUNDS ?? 3);
const DISTINCT = process.env.FILTER_BENCH_DISTINCT === '1';
const TOKEN = 'BenchBot';
const BIN = fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url));
const host = (site: number) => `o${site}.test`;

interface Baseline {
  isAllowed(url: string, ua?: string): boolean | undefined;
}
const robotsParser = robotsParserModule as unknown as (url: string, contents: string) => Baseline;

/**
 * Every 10th site keeps everyone out; the others disallow /private/ and name
 * GPTBot. Sites serve the same two files, as many real sites serve a CMS's
 * default, unless DISTINCT: then a comment makes each file's bytes its own.
 */
function robotsFor(site: number): string {
  const own = DISTINCT ? `# site ${site}\n` : '';
  if (site % 10 === 0) return `${own}User-agent: *\nDisallow: /\n`;
  return `${own}User-agent: *\nDisallow: /private/\nContent-Usage: search=y\n\nUser-agent: GPTBot\nDisallow: /\n`;
}

/** One server answering for every Host: robots.txt per site, a tdmrep.json reservation on every 7th. */
async function serve(): Promise<{ port: number; close: () => void; requests: () => number }> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    const site = Number(/^o(\d+)\./.exec(req.headers.host ?? '')?.[1] ?? -1);
    if (req.url === '/robots.txt') res.writeHead(200, { 'content-type': 'text/plain' }).end(robotsFor(site));
    else if (req.url === '/.well-known/tdmrep.json' && site % 7 === 0)
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('[{"location":"/*","tdm-reservation":1}]');
    else res.writeHead(404).end();
  });
  // Keep-alive, but idle connections close after 1 s: 10,000 hosts with idle
  // sockets held for long would exhaust the file-descriptor limit.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => server.close(),
    requests: () => requests,
  };
}

/** The URL list: URL k belongs to site (k * 7919) mod ORIGINS, so origins interleave; every 5th is /private/. */
async function writeList(path: string, port: number, count: number): Promise<void> {
  const out = createWriteStream(path);
  let chunk = '';
  for (let k = 0; k < count; k++) {
    chunk += `http://${host((k * 7919) % ORIGINS)}:${port}/${k % 5 === 0 ? 'private/' : ''}a/${k}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((r) => out.once('finish', () => r()));
}

/** The baseline, as a script author would write it: batches of URLs, robots.txt cached per origin. */
async function baseline(list: string, out: string): Promise<{ kept: number }> {
  // Every host name connects to 127.0.0.1 (the baseline's equivalent of --resolve).
  const lookup = ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) =>
    options.all
      ? callback(null, [{ address: '127.0.0.1', family: 4 }])
      : callback(null, '127.0.0.1', 4)) as never;
  const agent = new Agent({ connect: { lookup } });
  const limit = pLimit(64);
  const cache = new Map<string, Promise<Baseline>>();
  const robotsOf = (origin: string) => {
    let robots = cache.get(origin);
    if (!robots) {
      robots = limit(async () => {
        const res = await request(`${origin}/robots.txt`, {
          dispatcher: agent,
          headers: { 'user-agent': TOKEN },
        });
        const text = await res.body.text();
        return robotsParser(`${origin}/robots.txt`, res.statusCode < 400 ? text : '');
      });
      cache.set(origin, robots);
    }
    return robots;
  };
  const output = createWriteStream(out);
  let kept = 0;
  let batch: string[] = [];
  const flush = async () => {
    const allowed = await Promise.all(
      batch.map(async (url) =>
        (await robotsOf(url.slice(0, url.indexOf('/', 8)))).isAllowed(url, TOKEN) ? url : '',
      ),
    );
    const text = allowed.filter(Boolean);
    kept += text.length;
    if (text.length && !output.write(text.join('\n') + '\n'))
      await new Promise<void>((r) => output.once('drain', () => r()));
    batch = [];
  };
  for await (const line of createInterface({ input: createReadStream(list) })) {
    batch.push(line);
    if (batch.length === 10_000) await flush();
  }
  await flush();
  output.end();
  await agent.close();
  return { kept };
}

/** Peak RSS of a child process, from /proc (VmHWM), polled until it exits. */
function peakRssOf(pid: number, sample: { kb: number }): NodeJS.Timeout {
  return setInterval(() => {
    try {
      const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      if (kb > sample.kb) sample.kb = kb;
    } catch {
      // exited
    }
  }, 50);
}

interface ChildRun {
  seconds: number;
  rssMb: number;
  stdout: string;
  /** Requests the site server answered during the run. */
  requests: number;
}

async function runChild(args: string[], served: () => number): Promise<ChildRun> {
  const requestsBefore = served();
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    if (stderr.length < 4000) stderr += d;
  });
  const sample = { kb: 0 };
  const timer = peakRssOf(child.pid!, sample);
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearInterval(timer);
  if (code !== 0)
    throw new Error(`${args.slice(0, 4).join(' ')} ... exited with ${code}: ${stderr.slice(-2000)}`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const reported = /maxRssKb=(\d+)/.exec(stdout)?.[1];
  const rssMb = Math.max(sample.kb, Number(reported ?? 0)) / 1024;
  return { seconds, rssMb, stdout, requests: served() - requestsBefore };
}

async function main(): Promise<void> {
  if (process.argv[2] === 'baseline') {
    const { kept } = await baseline(process.argv[3]!, process.argv[4]!);
    console.log(`kept=${kept} maxRssKb=${process.resourceUsage().maxRSS}`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'optout-filter-bench-'));
  const site = await serve();
  try {
    const list = join(dir, 'urls.txt');
    await writeList(list, site.port, URLS);
    const resolveArgs = Array.from({ length: ORIGINS }, (_, i) => [
      '--resolve',
      `${host(i)}:${site.port}:127.0.0.1`,
    ]).flat();
    const optout = (input: string, name: string, extra: string[]) => [
      ...(process.env.FILTER_BENCH_NODE_ARGS?.split(' ') ?? []),
      BIN,
      'filter',
      input,
      '--agent',
      TOKEN,
      '--out',
      join(dir, `${name}.ok.txt`),
      '--rejected',
      join(dir, `${name}.no.txt`),
      ...extra,
      ...resolveArgs,
    ];
    const keptBy = (name: string) =>
      JSON.parse(readFileSync(join(dir, `${name}.ok.txt.summary.json`), 'utf8')).kept as number;
    const subjects: Subject[] = [
      {
        name: 'optout filter: all signals, allowed + rejected, journal',
        args: optout(list, 'plain', []),
        kept: () => keptBy('plain'),
      },
      {
        name: 'optout filter: the same + --decisions JSONL',
        args: optout(list, 'full', ['--decisions', join(dir, 'd.jsonl')]),
        kept: () => keptBy('full'),
      },
      {
        // Like for like with the baseline: one file per origin.
        name: 'optout filter: robots.txt only (--files robots), allowed + rejected, journal',
        args: optout(list, 'robots', ['--files', 'robots']),
        kept: () => keptBy('robots'),
      },
      {
        name: 'baseline: robots-parser + p-limit, robots.txt only',
        args: ['--import', 'tsx', fileURLToPath(import.meta.url), 'baseline', list, join(dir, 'base.txt')],
        kept: (run) => Number(/kept=(\d+)/.exec(run.stdout)?.[1]),
      },
    ];
    // Every kind of answer the server gives, for a quarter of the origins: not measured.
    const warmup = join(dir, 'warmup.txt');
    await writeList(warmup, site.port, Math.ceil(ORIGINS / 4));
    await runChild(optout(warmup, 'warmup', []), site.requests);

    const runs = subjects.map(() => [] as ChildRun[]);
    for (let round = 0; round < ROUNDS; round++)
      for (let k = 0; k < subjects.length; k++) {
        const at = (k + round) % subjects.length;
        runs[at]!.push(await runChild(subjects[at]!.args, site.requests));
      }
    const scenario = `filter ${URLS.toLocaleString('en')} URLs / ${ORIGINS.toLocaleString('en')} origins${DISTINCT ? ', each robots.txt distinct' : ''}`;
    const medians = runs.map(medianRun);
    const baselineSeconds = medians[subjects.length - 1]!.seconds;
    const rows: Row[] = subjects.map((subject, i) => {
      const run = medians[i]!;
      const rates = runs[i]!.map((r) => Math.round(URLS / r.seconds));
      return row(scenario, subject.name, (run.seconds * 1e9) / URLS, {
        urlsPerSec: Math.round(URLS / run.seconds),
        ...(i < subjects.length - 1 ? { 'x baseline': (baselineSeconds / run.seconds).toFixed(2) } : {}),
        'rounds (URLs/s)': `${Math.min(...rates)}-${Math.max(...rates)}`,
        peakRssMB: Math.round(Math.max(...runs[i]!.map((r) => r.rssMb))),
        kept: subject.kept(run),
        requests: run.requests,
      });
    });
    report(DISTINCT ? 'filter-distinct' : 'filter', rows);
  } finally {
    site.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Subject {
  name: string;
  /** Node arguments of its process. */
  args: string[];
  /** URLs it kept, from its outputs or its report. */
  kept: (run: ChildRun) => number;
}

/** The round with the median time. */
function medianRun(rounds: ChildRun[]): ChildRun {
  return [...rounds].sort((a, b) => a.seconds - b.seconds)[Math.floor(rounds.length / 2)]!;
}

await main();
