import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One response of the example site: status, headers and body. */
interface Resource {
  status?: number;
  headers?: Record<string, string>;
  body: string | ((origin: string) => string);
}

/** A running loopback site. */
export interface RunningSite {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

const HTML = { 'content-type': 'text/html; charset=utf-8' };
const TEXT = { 'content-type': 'text/plain; charset=utf-8' };

function page(title: string, head: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
${head}
</head><body><h1>${title}</h1>
${body}
</body></html>
`;
}

/**
 * Example Press: a publisher with the opt-out files real sites carry, and the
 * inconsistencies real sites have (robots.txt lets ClaudeBot in while
 * tdmrep.json reserves everything; the generated ai.txt allows text that
 * Content-Usage refuses; Content-Signal and Content-Usage disagree under
 * /open-data/).
 */
export const EXAMPLE_PRESS: Record<string, Resource> = {
  '/robots.txt': {
    headers: TEXT,
    body: (origin) => `# Example Press robots.txt
# Search engines welcome; AI training is not (see /tdm-policy.json).

User-agent: *
Allow: /
Disallow: /drafts/
Content-Usage: train-ai=n, search=y
Content-Usage: /open-data/ train-ai=y
Content-Signal: search=yes, ai-input=yes, ai-train=no

User-agent: GPTBot
User-agent: CCBot
User-agent: Google-Extended
User-agent: Bytespider
Disallow: /

User-agent: ClaudeBot
Disallow: /drafts/
Disallow: /archive/

User-agent: PerplexityBot
Allow: /
Content-Signal: search=yes, ai-input=no, ai-train=no

Sitemap: ${origin}/sitemap.xml
`,
  },
  '/ai.txt': {
    headers: TEXT,
    body: `# Spawning AI
# Prevent datasets from using the following file types

User-Agent: *
Disallow: *.jpg
Disallow: *.jpeg
Disallow: *.png
Disallow: *.gif
Allow: /
`,
  },
  '/.well-known/tdmrep.json': {
    headers: { 'content-type': 'application/json' },
    body: (origin) =>
      JSON.stringify(
        [
          { location: '/open-data/*', 'tdm-reservation': 0 },
          { location: '/*', 'tdm-reservation': 1, 'tdm-policy': `${origin}/tdm-policy.json` },
        ],
        null,
        2,
      ) + '\n',
  },
  '/tdm-policy.json': {
    headers: { 'content-type': 'application/ld+json' },
    body: (origin) =>
      JSON.stringify(
        {
          '@context': ['http://www.w3.org/ns/odrl.jsonld', { tdm: 'http://www.w3.org/ns/tdmrep#' }],
          '@type': 'Offer',
          uid: `${origin}/tdm-policy.json`,
          profile: 'http://www.w3.org/ns/tdmrep',
          assigner: {
            uid: `${origin}/`,
            'vcard:fn': 'Example Press',
            'vcard:hasEmail': 'rights@example.org',
          },
          permission: [{ target: `${origin}/`, action: 'tdm:mine', duty: [{ action: 'compensate' }] }],
        },
        null,
        2,
      ) + '\n',
  },
  '/': {
    headers: HTML,
    body: page(
      'Example Press',
      '<meta name="tdm-reservation" content="1">\n<meta name="robots" content="index, follow">',
      `<p>News, essays and open data.</p>
<ul>
<li><a href="/blog/first-post">Our first post</a></li>
<li><a href="/open-data/catalogue">Open data catalogue</a></li>
<li><a href="/gallery/">Photo gallery</a></li>
<li><a href="/drafts/next">Next week (draft)</a></li>
</ul>`,
    ),
  },
  '/blog/first-post': {
    headers: { ...HTML, 'x-robots-tag': 'noai, noimageai' },
    body: page('Our first post', '<meta name="robots" content="max-image-preview:large">', '<p>Hello.</p>'),
  },
  '/blog/second-post': {
    headers: { ...HTML, 'x-robots-tag': 'noai' },
    body: page('Our second post', '', '<p>Again.</p>'),
  },
  '/open-data/catalogue': {
    headers: { ...HTML, 'tdm-reservation': '0', 'content-usage': 'train-ai=y' },
    body: page('Open data catalogue', '', '<p>CC BY 4.0 datasets.</p>'),
  },
  '/open-data/weather.csv': {
    headers: { 'content-type': 'text/csv', 'tdm-reservation': '0' },
    body: 'date,temp\n2026-01-01,3.5\n',
  },
  '/gallery/': {
    headers: HTML,
    body: page(
      'Photo gallery',
      '<meta name="robots" content="noimageai">\n<meta name="GPTBot" content="noai">',
      '<img src="/gallery/cat.jpg" alt="A cat">',
    ),
  },
  '/gallery/cat.jpg': {
    headers: { 'content-type': 'image/jpeg', 'x-robots-tag': 'noai, noimageai' },
    body: '\xff\xd8\xff\xd9',
  },
  '/archive/2019': {
    headers: HTML,
    body: page('Archive 2019', '', '<p>Old news.</p>'),
  },
  '/drafts/next': {
    headers: HTML,
    body: page('Draft', '<meta name="robots" content="noindex">', '<p>Not yet.</p>'),
  },
};

/** A site with no opt-out at all: every path is a small page. */
export const OPEN_SITE: Record<string, Resource> = {
  '/robots.txt': { headers: TEXT, body: 'User-agent: *\nAllow: /\n' },
};

/** A site whose robots.txt answers 503: RFC 9309 says treat it as disallow-all. */
export const UNREACHABLE_SITE: Record<string, Resource> = {
  '/robots.txt': { status: 503, headers: TEXT, body: 'Service Unavailable\n' },
};

/** A site with no robots.txt that reserves TDM rights in tdmrep.json only. */
export const TDMREP_ONLY_SITE: Record<string, Resource> = {
  '/.well-known/tdmrep.json': {
    headers: { 'content-type': 'application/json' },
    body: '[{"location": "/*", "tdm-reservation": 1}]\n',
  },
};

const ORIGIN_FILES = new Set(['/robots.txt', '/ai.txt', '/.well-known/ai.txt', '/.well-known/tdmrep.json']);

function respond(
  routes: Record<string, Resource>,
  origin: string,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const path = (req.url ?? '/').split('?')[0]!;
  let resource = routes[path];
  // Sites without a page table (no '/') answer every page with a small document.
  if (!resource && !routes['/'] && !ORIGIN_FILES.has(path)) {
    resource = { headers: HTML, body: page(`Page ${path}`, '', '<p>Content.</p>') };
  }
  if (!resource) {
    res.writeHead(404, HTML).end(page('Not found', '', '<p>No such page.</p>'));
    return;
  }
  const body = typeof resource.body === 'function' ? resource.body(origin) : resource.body;
  const bytes = Buffer.from(
    body,
    resource.headers?.['content-type']?.startsWith('image/') ? 'latin1' : 'utf8',
  );
  res.writeHead(resource.status ?? 200, { ...resource.headers, 'content-length': bytes.length });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

/** Serve a route table on 127.0.0.1 at an ephemeral port (or `port`). */
export async function startSite(routes: Record<string, Resource>, port = 0): Promise<RunningSite> {
  let origin = '';
  const server: Server = createServer((req, res) => respond(routes, origin, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
