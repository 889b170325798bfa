// The local site the example crawls: a few pages on 127.0.0.1 that carry
// every kind of signal the gate reads before and after a fetch.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const PAGES: Record<string, { type: string; body: string; headers?: Record<string, string> }> = {
  '/robots.txt': {
    type: 'text/plain',
    body: 'User-agent: *\nDisallow: /admin/\n\nUser-agent: ExampleCrawler\nDisallow: /drafts/\n',
  },
  '/.well-known/tdmrep.json': {
    type: 'application/json',
    body: JSON.stringify([
      { location: '/books/*', 'tdm-reservation': 1, 'tdm-policy': 'https://example.org/policy.json' },
    ]),
  },
  '/': {
    type: 'text/html',
    body: `<html><head><title>Home</title></head><body>
      <a href="/blog/hello">blog</a> <a href="/gallery/art">art</a> <a href="/books/novel">book</a>
      <a href="/drafts/secret">draft</a> <a href="/admin/">admin</a> <a href="/data.csv">data</a></body></html>`,
  },
  '/blog/hello': {
    type: 'text/html',
    body: '<html><head><title>Hello</title></head><body>Hi.</body></html>',
  },
  '/gallery/art': {
    type: 'text/html',
    body: '<html><head><meta name="robots" content="noai, noimageai"></head><body>Art.</body></html>',
  },
  '/books/novel': { type: 'text/html', body: '<html><head></head><body>A novel.</body></html>' },
  '/drafts/secret': { type: 'text/html', body: '<html><body>Not for crawlers.</body></html>' },
  '/data.csv': { type: 'text/csv', body: 'a,b\n1,2\n', headers: { 'x-robots-tag': 'ExampleCrawler: noai' } },
};

/** Start the site on a free port of 127.0.0.1; resolves to its origin and a way to stop it. */
export async function startSite(): Promise<{
  origin: string;
  requested: string[];
  close: () => Promise<void>;
}> {
  const requested: string[] = [];
  const server: Server = createServer((req, res) => {
    requested.push(req.url ?? '/');
    const page = PAGES[req.url ?? '/'];
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': page.type, ...page.headers }).end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requested,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
