// A loopback HTTP(S) server that answers however a test tells it to: HTML error pages, malformed
// JSON, silence, resets, huge bodies, redirects. It records every request it receives.
import * as http from 'node:http';
import * as https from 'node:https';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

export interface FaultServer {
  url: string;
  port: number;
  requests: ReceivedRequest[];
  /** Replaces how the server answers from now on. */
  handle(handler: Handler): void;
  /** How many client connections are open now (keep-alive sockets included). */
  openSockets(): number;
  close(): Promise<void>;
}

const TLS_DIR = path.resolve(__dirname, '../../../test/fixtures/tls');
/** A certificate of test/fixtures/tls (see its README): the one servers present by default, or one to refuse. */
export type TestCertificate = 'self-signed' | 'expired' | 'not-yet-valid' | 'other-host';
export const TEST_CERT = (name: TestCertificate = 'self-signed'): Buffer => fs.readFileSync(path.join(TLS_DIR, `${name}.crt`));
const TEST_KEY = (name: TestCertificate = 'self-signed'): Buffer => fs.readFileSync(path.join(TLS_DIR, `${name}.key`));

/** `tls`: https with the test certificate, or with the one named. */
export async function startFaultServer(options: { tls?: boolean | TestCertificate } = {}): Promise<FaultServer> {
  const requests: ReceivedRequest[] = [];
  let handler: Handler = (_req, res) => json(res, 200, {});
  const sockets = new Set<import('node:net').Socket>();
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  };
  const certificate = options.tls === true ? 'self-signed' : options.tls || undefined;
  const server = certificate ? https.createServer({ cert: TEST_CERT(certificate), key: TEST_KEY(certificate) }, onRequest) : http.createServer(onRequest);
  server.on('connection', (s: import('node:net').Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('secureConnection', (s: import('node:net').Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${certificate ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    handle(h) {
      handler = h;
    },
    openSockets: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) {
          s.destroy();
        }
        server.close(() => resolve());
      }),
  };
}

export function json(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function text(res: http.ServerResponse, status: number, body: string, contentType = 'text/html'): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** A handler that forwards every request, as it came, to `target` (http), and its answer back. */
export function forwardTo(target: string): Handler {
  const upstream = new URL(target);
  return (req, res, body) => {
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    forward.end(body);
  };
}

/** An nginx-style 502 page, as a reverse proxy sends when the upstream is down. */
export const PROXY_502_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n' +
  '<!-- a padding comment to make the page longer than two hundred characters so that excerpts are tested: ' +
  'x'.repeat(300) +
  ' -->\r\n</body>\r\n</html>\r\n';

/** A port nothing listens on (bound then released). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
