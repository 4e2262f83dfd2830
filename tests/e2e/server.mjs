// A tiny HTTP server for the fixtures. Chromium is started with
// --host-resolver-rules=MAP * 127.0.0.1, so any host name the tests invent
// (alibba.com, www.alibaba.com, bit.ly …) lands here; the Host header is
// ignored and only the path picks the file.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const NAME = /^\/([a-z0-9-]+\.html)$/; // no dots or slashes beyond this: no way out of the folder

export async function startServer() {
  const requests = []; // every request that reached this server: { host, path }
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://fixture.invalid').pathname;
    requests.push({ host: String(req.headers.host ?? ''), path });
    if (path === '/favicon.ico') {
      res.writeHead(204).end(); // keeps the browser's console free of 404 noise
      return;
    }
    const match = NAME.exec(path);
    try {
      if (!match) throw new Error('not a fixture');
      const body = await readFile(FIXTURES + match[1]);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>Not found</title><p>Not found</p>');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    requests,
    url: (host, path) => `http://${host}:${port}${path}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}
