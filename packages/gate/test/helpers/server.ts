// A real HTTP server on 127.0.0.1 for the gate's tests: routes by path,
// counts requests, remembers their headers. Never any other address.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface TestServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  port: number;
  /** Requests seen, in order. */
  requests: { path: string; headers: IncomingMessage['headers'] }[];
  /** How many requests asked for this path. */
  hits(path: string): number;
  /** Replace or add routes. */
  route(path: string, handler: Route): void;
  close(): Promise<void>;
}

/** Respond with a status, headers and body. */
export function reply(
  status: number,
  body: string | Uint8Array = '',
  headers: Record<string, string> = {},
): Route {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/plain', ...headers });
    res.end(body);
  };
}

/** Start a server with these routes; unknown paths answer 404. */
export async function startServer(routes: Record<string, Route> = {}): Promise<TestServer> {
  const table = new Map(Object.entries(routes));
  const requests: TestServer['requests'] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers });
    const handler = table.get(path.split('?')[0]!) ?? table.get('*');
    if (handler) handler(req, res);
    else reply(404, 'not found')(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    hits: (path) => requests.filter((r) => r.path === path).length,
    route: (path, handler) => table.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
