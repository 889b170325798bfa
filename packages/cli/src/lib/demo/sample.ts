/** The sites the demo starts, by role. */
export interface DemoOrigins {
  press: string;
  open: string;
  unreachable: string;
  tdmrepOnly: string;
}

/**
 * A sample URL list over the demo sites: pages the publisher reserves in
 * different ways, an open site, a site whose robots.txt is down, a site that
 * reserves rights in tdmrep.json only, and one malformed line.
 */
export function sampleUrls(o: DemoOrigins): string {
  const press = [
    '/',
    '/blog/first-post',
    '/blog/second-post',
    '/open-data/catalogue',
    '/open-data/weather.csv',
    '/gallery/',
    '/gallery/cat.jpg',
    '/archive/2019',
    '/drafts/next',
  ];
  const open = ['/', '/articles/1', '/articles/2', '/articles/3', '/images/logo.png'];
  const lines = [
    '# optout demo: sample URL list',
    ...press.map((p) => o.press + p),
    ...open.map((p) => o.open + p),
    ...['/', '/status', '/about'].map((p) => o.unreachable + p),
    ...['/', '/papers/1', '/papers/2'].map((p) => o.tdmrepOnly + p),
    'htp:/not-a-url (a malformed line: reported with its line number, the run goes on)',
  ];
  return lines.join('\n') + '\n';
}
