// Origin-file retrieval against real servers on 127.0.0.1: redirects, caps,
// decompression, timeouts. Statuses are recorded here and given meaning by
// outcomeOf (outcome.test.ts).

import type { AddressInfo } from 'node:net';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, test } from 'vitest';
import { createAgent, failureOf, type RetrieveOptions, retrieve } from '../src/lib/http.js';
import { reply, startServer, type TestServer } from './helpers/server.js';

const servers: TestServer[] = [];
const agents: ReturnType<typeof createAgent>[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(routes: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const s = await startServer(routes);
  servers.push(s);
  return s;
}

function options(
  overrides: Partial<RetrieveOptions & { connectTimeout: number; resolve: Map<string, string> }> = {},
) {
  const agent = createAgent({
    connectionsPerOrigin: 1,
    connectTimeout: overrides.connectTimeout ?? 2_000,
    headersTimeout: overrides.headersTimeout ?? 2_000,
    bodyTimeout: overrides.bodyTimeout ?? 2_000,
    resolve: overrides.resolve ?? new Map(),
  });
  agents.push(agent);
  return {
    dispatcher: agent,
    userAgent: 'TestBot/1.0 (+https://example.org/bot)',
    maxBytes: 500 * 1024,
    maxRedirects: 5,
    headersTimeout: 2_000,
    bodyTimeout: 2_000,
    totalTimeout: 5_000,
    ...overrides,
  };
}

describe('retrieve', () => {
  test('sends the full User-Agent and records status, headers, size and SHA-256', async () => {
    const s = await server({
      '/robots.txt': reply(200, 'User-agent: *\nDisallow: /x\n', { 'cache-control': 'max-age=60' }),
    });
    const r = await retrieve('robots', `${s.origin}/robots.txt`, options());
    expect(s.requests[0]!.headers['user-agent']).toBe('TestBot/1.0 (+https://example.org/bot)');
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('max-age=60');
    expect(new TextDecoder().decode(r.body)).toBe('User-agent: *\nDisallow: /x\n');
    expect(r.bytes).toBe(27);
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.failure).toBeUndefined();
  });

  test.each([204, 301, 404, 410, 401, 403, 429, 500, 503])(
    'records status %i without failing',
    async (status) => {
      const s = await server({ '/robots.txt': reply(status, 'body') });
      const r = await retrieve('robots', `${s.origin}/robots.txt`, options());
      expect(r.status).toBe(status);
      expect(r.failure).toBeUndefined();
      // Only 2xx bodies are kept: an error page is never parsed.
      if (status !== 204 && status >= 300) expect(r.body).toBeUndefined();
    },
  );

  test('rfc9309 §2.3.1.2: five consecutive redirects are followed', async () => {
    const routes: Record<string, ReturnType<typeof reply>> = {
      '/r5': reply(200, 'User-agent: *\nDisallow: /\n'),
    };
    for (let i = 0; i < 5; i++) routes[`/r${i}`] = reply(301, '', { location: `/r${i + 1}` });
    const s = await server(routes);
    const r = await retrieve('robots', `${s.origin}/r0`, options());
    expect(r.status).toBe(200);
    expect(r.redirects).toHaveLength(5);
    expect(r.finalUrl).toBe(`${s.origin}/r5`);
  });

  test('a sixth redirect is a failure (too-many-redirects)', async () => {
    const routes: Record<string, ReturnType<typeof reply>> = { '/r6': reply(200, 'User-agent: *\n') };
    for (let i = 0; i < 6; i++) routes[`/r${i}`] = reply(302, '', { location: `/r${i + 1}` });
    const s = await server(routes);
    const r = await retrieve('robots', `${s.origin}/r0`, options());
    expect(r.failure?.kind).toBe('too-many-redirects');
    expect(r.status).toBeUndefined();
    expect(s.hits('/r6')).toBe(0);
  });

  test('redirects are followed across hosts (resolve maps both names to 127.0.0.1)', async () => {
    const target = await server({ '/robots.txt': reply(200, 'User-agent: *\nAllow: /\n') });
    const start = await server({
      '/robots.txt': reply(301, '', { location: `http://b.test:${target.port}/robots.txt` }),
    });
    const resolve = new Map([[`b.test:${target.port}`, '127.0.0.1']]);
    const r = await retrieve('robots', `${start.origin}/robots.txt`, options({ resolve }));
    expect(r.status).toBe(200);
    expect(r.finalUrl).toBe(`http://b.test:${target.port}/robots.txt`);
    expect(target.requests[0]!.headers.host).toBe(`b.test:${target.port}`);
  });

  test('a redirect to another scheme is a failure (bad-redirect)', async () => {
    const s = await server({ '/robots.txt': reply(301, '', { location: 'ftp://example.org/robots.txt' }) });
    const r = await retrieve('robots', `${s.origin}/robots.txt`, options());
    expect(r.failure?.kind).toBe('bad-redirect');
  });

  test('rfc9309 §2.5: an oversized file is cut at the cap and marked truncated', async () => {
    const line = 'Disallow: /private\n';
    const s = await server({ '/robots.txt': reply(200, 'User-agent: *\n' + line.repeat(60_000)) });
    const r = await retrieve('robots', `${s.origin}/robots.txt`, options());
    expect(r.bytes).toBe(500 * 1024);
    expect(r.truncated).toBe(true);
  });

  test('a body exactly at the cap is whole, not truncated', async () => {
    const s = await server({ '/f': reply(200, 'a'.repeat(1000)) });
    const r = await retrieve('robots', `${s.origin}/f`, options({ maxBytes: 1000 }));
    expect(r.bytes).toBe(1000);
    expect(r.truncated).toBe(false);
  });

  test('an endless body is cut at the cap and the connection dropped', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let written = 0;
    const s = await server({
      '/robots.txt': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const pump = () => {
          while (!res.destroyed && written < 1e9 && res.write(chunk)) written += chunk.length;
          if (!res.destroyed) res.once('drain', pump);
        };
        pump();
      },
    });
    const r = await retrieve('robots', `${s.origin}/robots.txt`, options());
    expect(r.truncated).toBe(true);
    expect(r.bytes).toBe(500 * 1024);
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  test('gzip bomb: 1 GiB of zeros compressed is cut at the cap after decompression', async () => {
    // 64 MiB of zeros gzips to ~64 KiB; sent 16 times it decompresses to 1 GiB.
    const piece = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    const s = await server({
      '/robots.txt': (_req, res) => {
        res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/plain' });
        for (let i = 0; i < 16 && !res.destroyed; i++) res.write(piece);
        res.end();
      },
    });
    const before = process.memoryUsage().rss;
    const r = await retrieve('robots', `${s.origin}/robots.txt`, options());
    expect(r.truncated).toBe(true);
    expect(r.bytes).toBe(500 * 1024);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  test.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('decodes Content-Encoding %s', async (coding, compress) => {
    const text = 'User-agent: *\nDisallow: /compressed\n';
    const s = await server({
      '/robots.txt': reply(200, compress(Buffer.from(text)), { 'content-encoding': coding }),
    });
    const r = await retrieve('robots', `${s.origin}/robots.txt`, options());
    expect(new TextDecoder().decode(r.body)).toBe(text);
  });

  test('an unknown Content-Encoding is a failure (encoding), not garbage to parse', async () => {
    const s = await server({ '/robots.txt': reply(200, 'xx', { 'content-encoding': 'zstd-custom' }) });
    const r = await retrieve('robots', `${s.origin}/robots.txt`, options());
    expect(r.failure?.kind).toBe('encoding');
  });

  test('corrupt gzip is a failure (encoding)', async () => {
    const s = await server({ '/robots.txt': reply(200, 'not gzip at all', { 'content-encoding': 'gzip' }) });
    const r = await retrieve('robots', `${s.origin}/robots.txt`, options());
    expect(r.failure?.kind).toBe('encoding');
  });

  test('headers timeout: a server that never answers', async () => {
    const s = await server({ '/robots.txt': () => {} });
    const r = await retrieve('robots', `${s.origin}/robots.txt`, options({ headersTimeout: 200 }));
    expect(r.failure).toMatchObject({ kind: 'headers-timeout', code: 'OPTOUT_ERR_FETCH_TIMEOUT' });
  });

  test('body timeout: a body that stalls', async () => {
    const s = await server({
      '/robots.txt': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('User-agent: *\n');
      },
    });
    const r = await retrieve('robots', `${s.origin}/robots.txt`, options({ bodyTimeout: 200 }));
    expect(r.failure).toMatchObject({ kind: 'body-timeout', code: 'OPTOUT_ERR_FETCH_TIMEOUT' });
  });

  test('total timeout: a body that trickles forever, each chunk within the body timeout', async () => {
    const s = await server({
      '/robots.txt': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const timer = setInterval(() => res.write('#\n'), 20);
        res.on('close', () => clearInterval(timer));
      },
    });
    const r = await retrieve('robots', `${s.origin}/robots.txt`, options({ totalTimeout: 300 }));
    expect(r.failure).toMatchObject({ kind: 'total-timeout', code: 'OPTOUT_ERR_FETCH_TIMEOUT' });
  });

  test('total timeout: a gzip body that trickles forever fails as a timeout too', async () => {
    const s = await server({
      '/robots.txt': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
        const chunk = gzipSync(Buffer.from('#\n'));
        // Valid gzip members, one after another: decoding never ends on its own.
        const timer = setInterval(() => res.write(chunk), 20);
        res.on('close', () => clearInterval(timer));
      },
    });
    const r = await retrieve('robots', `${s.origin}/robots.txt`, options({ totalTimeout: 300 }));
    expect(r.failure).toMatchObject({ kind: 'total-timeout', code: 'OPTOUT_ERR_FETCH_TIMEOUT' });
  });

  test('a 404 with a large page is recorded by its status; its body is not kept', async () => {
    const s = await server({ '/robots.txt': reply(404, 'x'.repeat(1024 * 1024)) });
    const r = await retrieve('robots', `${s.origin}/robots.txt`, options());
    expect(r.status).toBe(404);
    expect(r.failure).toBeUndefined();
    expect(r.body).toBeUndefined();
    expect(r.bytes).toBe(0);
  });

  test('an informational 103 response before the answer is skipped', async () => {
    const s = await server({
      '/robots.txt': (_req, res) => {
        res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /\n');
      },
    });
    const r = await retrieve('robots', `${s.origin}/robots.txt`, options());
    expect(r.status).toBe(200);
    expect(new TextDecoder().decode(r.body)).toBe('User-agent: *\nDisallow: /\n');
  });

  test('connect timeout: a TLS server that accepts TCP and never completes the handshake', async () => {
    const silent: NetServer = createNetServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      const r = await retrieve(
        'robots',
        `https://127.0.0.1:${port}/robots.txt`,
        options({ connectTimeout: 200 }),
      );
      expect(r.failure).toMatchObject({ kind: 'connect-timeout', code: 'OPTOUT_ERR_FETCH_TIMEOUT' });
    } finally {
      silent.close();
    }
  });

  test('connection refused is a connection failure', async () => {
    const s = await server({});
    const origin = s.origin;
    await s.close();
    servers.splice(servers.indexOf(s), 1);
    const r = await retrieve('robots', `${origin}/robots.txt`, options());
    expect(r.failure?.kind).toBe('connection');
    expect(r.failure?.message).toContain('ECONNREFUSED');
  });

  test('a connection reset mid-response is a failure', async () => {
    const s = await server({ '/robots.txt': (req) => req.socket.destroy() });
    const r = await retrieve('robots', `${s.origin}/robots.txt`, options());
    expect(r.failure?.code).toBe('OPTOUT_ERR_FETCH');
  });
});

describe('failureOf', () => {
  // DNS cannot be exercised without a resolver outside 127.0.0.1, so the
  // classification is checked on the error undici would raise.
  test('ENOTFOUND and EAI_AGAIN are DNS failures', () => {
    expect(
      failureOf(Object.assign(new Error('getaddrinfo ENOTFOUND x.invalid'), { code: 'ENOTFOUND' }), false)
        .kind,
    ).toBe('dns');
    expect(failureOf(Object.assign(new Error('again'), { code: 'EAI_AGAIN' }), false).kind).toBe('dns');
  });

  test('an aborted request is a total timeout whatever the error says', () => {
    expect(failureOf(new Error('This operation was aborted'), true).kind).toBe('total-timeout');
  });
});
