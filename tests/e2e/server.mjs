// A tiny HTTP server for the fixtures. Chromium is started with
// --host-resolver-rules=MAP * 127.0.0.1, and Firefox with this server as its proxy, so any host
// name the tests invent (alibba.com, www.alibaba.com, bit.ly …) lands here; the Host header is
// ignored and only the path picks the file.
//
// The same port also speaks TLS (self-signed, made with openssl per run): Chromium upgrades
// HSTS-preloaded hosts such as accounts.google.com from http: to https: on the same port, and the
// test browser ignores certificate errors.
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { connect, createServer as createNetServer } from 'node:net';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const NAME = /^\/([a-z0-9-]+\.html)$/; // no dots or slashes beyond this: no way out of the folder
// Fixtures with a key logger say `<!-- key-logger -->`: its script is written in there, so the
// page makes no request for it (the privacy test counts every request).
const KEY_LOGGER = readFileSync(FIXTURES + 'key-logger.js', 'utf8');
// Hostile fixtures say `<!-- recorder -->`: what the page collects and sends to /collect.
const RECORDER = readFileSync(FIXTURES + 'recorder.js', 'utf8');

function selfSignedCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'miwake-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
      '-subj', '/CN=miwake-fixtures', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
    { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startServer() {
  const requests = []; // every request that reached this server: { host, path }
  const collected = []; // bodies and queries of requests to /collect: { host, query, body }
  const held = new Set(); // the rest of each `?stall=hold` response, sent by release()
  const release = () => {
    for (const finish of held) finish();
    held.clear();
  };
  const serveFixture = fixtureHandler(requests, held, collected);
  const plain = createServer(serveFixture);
  const tls = createTlsServer(selfSignedCertificate(), serveFixture);
  await new Promise((resolve) => tls.listen(0, '127.0.0.1', resolve));
  // One port for both: a TLS connection starts with a handshake record (byte 0x16) and is relayed
  // to the TLS server (which reads from its own socket, so the first bytes cannot be handed over).
  const server = createNetServer((socket) => {
    socket.on('error', () => {});
    socket.once('data', (first) => {
      if (first[0] !== 0x16) {
        socket.pause();
        socket.unshift(first);
        plain.emit('connection', socket);
        socket.resume();
        return;
      }
      const upstream = connect(tls.address().port, '127.0.0.1', () => {
        upstream.write(first);
        socket.pipe(upstream).pipe(socket);
      });
      upstream.on('error', () => socket.destroy());
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  // As a proxy (Firefox), an https address arrives as CONNECT: tunnelled back into this port.
  plain.on('connect', (req, socket, head) => {
    socket.on('error', () => {});
    const tunnel = connect(port, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection established\r\n\r\n');
      if (head.length) tunnel.write(head);
      socket.pipe(tunnel).pipe(socket);
    });
    tunnel.on('error', () => socket.destroy());
  });
  return {
    port,
    requests,
    collected,
    // Everything a page sent to its collection endpoint, as one string to search for a secret.
    collectedText: () => collected.map((c) => `${c.query}\n${c.body}`).join('\n'),
    url: (host, path) => `http://${host}:${port}${path}`,
    release,
    close: () => new Promise((resolve) => {
      release();
      plain.closeAllConnections();
      tls.closeAllConnections();
      tls.close();
      server.close(resolve);
    }),
  };
}

const fixtureHandler = (requests, held, collected) => async function serveFixture(req, res) {
  const address = new URL(req.url, 'http://fixture.invalid');
  const path = address.pathname;
  requests.push({ host: String(req.headers.host ?? ''), path });
  // A kit's collection endpoint, on any host (api.telegram.org included): records and answers
  // every method, cross-origin too.
  if (path === '/collect' || path.startsWith('/collect/') || path.startsWith('/bot') || path.includes('/webhooks/')) {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    collected.push({ host: String(req.headers.host ?? ''), query: address.search, body: Buffer.concat(chunks).toString('utf8') });
    res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' }).end();
    return;
  }
  if (path === '/favicon.ico') {
    res.writeHead(204).end(); // keeps the browser's console free of 404 noise
    return;
  }
  const match = NAME.exec(path);
  try {
    if (!match) throw new Error('not a fixture');
    const body = (await readFile(FIXTURES + match[1], 'utf8'))
      .replace('<!-- key-logger -->', () => `<script>\n${KEY_LOGGER}</script>`)
      .replace('<!-- recorder -->', () => `<script>\n${RECORDER}</script>`);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    // `?stall=hold`: what comes before the fixture's `<!-- stall -->` is sent at once and the rest
    // when the test calls release() (or closes the server), so the document is still being parsed
    // (no DOMContentLoaded) for as long as the test needs it to be.
    const stall = new URL(req.url, 'http://fixture.invalid').searchParams.get('stall');
    const cut = body.indexOf('<!-- stall -->');
    if (stall === 'hold' && cut >= 0) {
      res.write(body.slice(0, cut));
      held.add(() => res.end(body.slice(cut)));
      return;
    }
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Not found</title><p>Not found</p>');
  }
};
