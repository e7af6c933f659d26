// A loopback proxy in front of a sandbox Tyk that forwards everything, except the requests of ONE
// operation (method + path), to which it applies a fault: silence, a dropped or refused connection, a
// body cut off, an error status, a broken or huge or slow body, a redirect to another host, an
// untrusted certificate. It records every request it and the "other host" receive, so that a test can
// check where the credential went.
//
// It listens twice with the same rules: plain http (`url`) and https (`tlsUrl`, the test certificate
// from test/fixtures/tls, which a connection trusts through its CA file). The `self-signed` fault is a
// property of the whole https listener, not of one request (TLS comes before HTTP): it swaps in another
// self-signed certificate that nothing trusts and drops the open connections, so the next request of
// the command, whichever it is, meets a certificate it must refuse.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import * as path from 'node:path';
import { PROXY_502_PAGE, startFaultServer, type FaultServer } from './faultServer';

export type OperationName = 'listApis' | 'search' | 'listKeys' | 'keyDetails' | 'create' | 'update' | 'revoke' | 'rotate' | 'policies' | 'credentialCheck';

export type FaultName =
  | 'timeout'
  | 'refused'
  | 'reset'
  | '401'
  | '403'
  | '404'
  | '429'
  | '500'
  | '502-html'
  | 'malformed'
  | 'wrong-shape'
  | '50mb'
  | 'slow-drip'
  | 'self-signed'
  | 'redirect'
  | 'hostile-text';

export interface OperationMatcher {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: RegExp;
  query?: (query: URLSearchParams) => boolean;
}

/** Which requests each operation's fault applies to (Tyk Dashboard API paths). */
export const OPERATIONS: Record<OperationName, OperationMatcher> = {
  listApis: { method: 'GET', path: /^\/api\/apis$/ },
  search: { method: 'GET', path: /^\/api\/apis\/search$/ },
  listKeys: { method: 'GET', path: /^\/api\/apis\/[^/]+\/keys$/ },
  // One key's session; not /api/keys/detailed, the list of keys with theirs (the expiry count reads it in
  // the background).
  keyDetails: { method: 'GET', path: /^\/api\/keys\/(?!detailed$)[^/]+$/ },
  create: { method: 'POST', path: /^\/api\/keys$/ },
  update: { method: 'PUT', path: /^\/api\/keys\/[^/]+$/ },
  revoke: { method: 'DELETE', path: /^\/api\/keys\/[^/]+$/ },
  // The POST of a rotation; its GET of the old key passes.
  rotate: { method: 'POST', path: /^\/api\/keys$/ },
  policies: { method: 'GET', path: /^\/api\/portal\/policies$/ },
  // The check of Add Connection / Update Credential: the first page of the APIs.
  credentialCheck: { method: 'GET', path: /^\/api\/apis$/, query: (q) => (q.get('p') ?? '1') === '1' },
};

export interface ProxiedRequest {
  listener: 'http' | 'https';
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Whether a fault was armed when it came (the cell under test, not its set-up). */
  armed: boolean;
  /** The fault applied to it; undefined when it was forwarded. */
  fault?: FaultName;
}

export interface FaultProxy {
  /** http://127.0.0.1:PORT */
  url: string;
  /** https://127.0.0.1:PORT with the test certificate (test/fixtures/tls/self-signed.crt). */
  tlsUrl: string;
  /** The test certificate's file: a connection's CA file to trust `tlsUrl`. */
  caFile: string;
  /** Every request either listener received, in order. */
  requests: ProxiedRequest[];
  /** Where the redirect fault points: it must never receive anything. */
  otherHost: FaultServer;
  /** Bytes of the 50 MB body written before the client hung up (the last time that fault ran). */
  largeBodyBytesSent: number;
  /** Applies `fault` to the requests of `operation` from now on. */
  arm(operation: OperationName, fault: FaultName): Promise<void>;
  /** Back to forwarding everything: listening again, the trusted certificate, no request left hanging. */
  disarm(): Promise<void>;
  close(): Promise<void>;
}

export const LARGE_BODY_BYTES = 50 * 1024 * 1024;
export const RETRY_AFTER_SECONDS = 7;
/** A Tyk Dashboard RBAC refusal, as the Dashboard words it. */
export const RBAC_MESSAGE = 'access denied: You do not have permission to access /api/keys';
/**
 * Hostile text a server could put in any field a user sees: a command link, Markdown and HTML, an icon,
 * CR/LF, bidi overrides, and 10 KB of it.
 */
export const HOSTILE_TEXT =
  '[Update Credential…](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%5Cn%22%7D) **bold** <a href="command:x">link</a> $(zap)\r\nInjected line\u202egnp.exe\u2066 ' +
  'x'.repeat(10_000);
/** Valid JSON no Tyk answer looks like: every operation's schema refuses it. */
export const WRONG_SHAPE_BODY = '[{"unexpected":"shape","note":"valid JSON, but not what Tyk answers"}]';
/** An answer cut short: not JSON. */
export const MALFORMED_BODY = '{"apis":[{"api_definition":{"name":"Petstore","api_id":';

const TLS_DIR = path.resolve(__dirname, '../../../test/fixtures/tls');
const tlsFile = (name: string): Buffer => fs.readFileSync(path.join(TLS_DIR, name));

function matches(matcher: OperationMatcher, method: string, rawUrl: string): boolean {
  const url = new URL(rawUrl, 'http://proxy.local');
  return method === matcher.method && matcher.path.test(url.pathname) && (matcher.query?.(url.searchParams) ?? true);
}

function listen(server: http.Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function trackSockets(server: http.Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return sockets;
}

export async function startFaultProxy(options: { target: string }): Promise<FaultProxy> {
  const target = new URL(options.target);
  const otherHost = await startFaultServer();
  const requests: ProxiedRequest[] = [];
  let armed: { operation: OperationName; fault: FaultName } | undefined;
  /** Responses held open (no answer, slow drip) until the client gives up or the fault is disarmed. */
  const held = new Set<http.ServerResponse>();
  const timers = new Set<ReturnType<typeof setInterval>>();
  let refusing: Promise<void> | undefined;
  const trusted = { cert: tlsFile('self-signed.crt'), key: tlsFile('self-signed.key') };
  const untrusted = { cert: tlsFile('untrusted-self-signed.crt'), key: tlsFile('untrusted-self-signed.key') };

  const proxy: FaultProxy = {
    url: '',
    tlsUrl: '',
    caFile: path.join(TLS_DIR, 'self-signed.crt'),
    requests,
    otherHost,
    largeBodyBytesSent: 0,
    arm: async (operation, fault) => {
      await proxy.disarm();
      armed = { operation, fault };
      if (fault === 'self-signed') {
        secureServer.setSecureContext(untrusted);
        for (const s of tlsSockets) {
          s.destroy();
        }
      }
    },
    disarm: async () => {
      armed = undefined;
      for (const res of held) {
        res.destroy();
      }
      held.clear();
      for (const t of timers) {
        clearInterval(t);
      }
      timers.clear();
      secureServer.setSecureContext(trusted);
      if (refusing) {
        await refusing;
        refusing = undefined;
        await listen(plainServer, plainPort);
      }
    },
    close: async () => {
      await proxy.disarm();
      for (const s of [...plainSockets, ...tlsSockets]) {
        s.destroy();
      }
      await Promise.all([
        new Promise<void>((resolve) => plainServer.close(() => resolve())),
        new Promise<void>((resolve) => secureServer.close(() => resolve())),
        otherHost.close(),
      ]);
    },
  };

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void => {
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    upstream.end(body);
  };

  const applyFault = (fault: FaultName, req: http.IncomingMessage, res: http.ServerResponse): void => {
    const json = (status: number, value: unknown, headers: http.OutgoingHttpHeaders = {}): void => {
      const text = JSON.stringify(value);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
      res.end(text);
    };
    const raw = (status: number, text: string, contentType: string): void => {
      res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    switch (fault) {
      case 'timeout':
        // The request was read; no answer ever comes.
        held.add(res);
        res.on('close', () => held.delete(res));
        return;
      case 'refused':
        // A connection can only be refused before a request is on it: drop this one without an
        // answer, then stop listening, so that any new connection (a read's one retry) is refused.
        req.socket.destroy();
        refusing ??= new Promise<void>((resolve) => plainServer.close(() => resolve()));
        for (const s of plainSockets) {
          s.destroy();
        }
        return;
      case 'reset':
        // The start of a chunked answer, then the connection closes: the body is cut mid-way.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(MALFORMED_BODY);
        setTimeout(() => req.socket.destroy(), 20);
        return;
      case '401':
        json(401, { Status: 'Error', Message: 'Not authorised', Meta: null });
        return;
      case '403':
        json(403, { Status: 'Error', Message: RBAC_MESSAGE, Meta: null });
        return;
      case '404':
        // What Go's router (and so Tyk, or a proxy on a wrong path) answers for an unknown address.
        raw(404, '404 page not found\n', 'text/plain; charset=utf-8');
        return;
      case '429':
        json(429, { error: 'Rate limit exceeded' }, { 'retry-after': String(RETRY_AFTER_SECONDS) });
        return;
      case '500':
        json(500, { Status: 'Error', Message: 'Internal server error', Meta: null });
        return;
      case '502-html':
        raw(502, PROXY_502_PAGE, 'text/html');
        return;
      case 'hostile-text':
        // A 500 whose message (and reason phrase) is hostile text.
        res.statusMessage = 'Internal [error](command:workbench.action.quit)';
        json(500, { Status: 'Error', Message: HOSTILE_TEXT, Meta: null });
        return;
      case 'malformed':
        raw(200, MALFORMED_BODY, 'application/json');
        return;
      case 'wrong-shape':
        raw(200, WRONG_SHAPE_BODY, 'application/json');
        return;
      case '50mb': {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': LARGE_BODY_BYTES });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        proxy.largeBodyBytesSent = 0;
        let closed = false;
        res.on('close', () => {
          closed = true;
          proxy.largeBodyBytesSent = sent;
        });
        const pump = (): void => {
          while (!closed && sent < LARGE_BODY_BYTES) {
            sent += chunk.length;
            if (!res.write(chunk)) {
              res.once('drain', pump);
              return;
            }
          }
          if (!closed) {
            res.end();
          }
        };
        pump();
        return;
      }
      case 'slow-drip': {
        // A valid answer, one byte a second.
        const body = Buffer.from(JSON.stringify({ Status: 'OK', Message: 'slow', Meta: null }));
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
        held.add(res);
        let at = 0;
        const timer = setInterval(() => {
          if (res.destroyed || at >= body.length) {
            clearInterval(timer);
            timers.delete(timer);
            if (!res.destroyed) {
              res.end();
            }
            return;
          }
          res.write(body.subarray(at, at + 1));
          at += 1;
        }, 1000);
        timers.add(timer);
        res.write(body.subarray(0, 1));
        at = 1;
        res.on('close', () => {
          held.delete(res);
          clearInterval(timer);
          timers.delete(timer);
        });
        return;
      }
      case 'redirect':
        res.writeHead(302, { location: `${otherHost.url}${req.url ?? '/'}`, 'content-length': 0 });
        res.end();
        return;
      case 'self-signed':
        // Applied to the https listener as a whole (see arm); a request that got here is forwarded.
        return;
    }
  };

  const handler =
    (listener: 'http' | 'https') =>
    (req: http.IncomingMessage, res: http.ServerResponse): void => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const method = req.method ?? 'GET';
        const url = req.url ?? '/';
        const fault = armed && armed.fault !== 'self-signed' && matches(OPERATIONS[armed.operation], method, url) ? armed.fault : undefined;
        requests.push({ listener, method, url, headers: req.headers, body: body.toString('utf8'), armed: armed !== undefined, ...(fault ? { fault } : {}) });
        if (fault) {
          applyFault(fault, req, res);
        } else {
          forward(req, res, body);
        }
      });
    };

  const plainServer = http.createServer(handler('http'));
  const secureServer = https.createServer(trusted, handler('https'));
  for (const server of [plainServer, secureServer]) {
    // Idle connections stay open longer than any test, so a write never meets a socket the proxy
    // closed meanwhile (that race is the client's keep-alive, not a fault under test).
    server.keepAliveTimeout = 120_000;
  }
  const plainSockets = trackSockets(plainServer);
  const tlsSockets = trackSockets(secureServer);
  const plainPort = await listen(plainServer);
  const tlsPort = await listen(secureServer);
  proxy.url = `http://127.0.0.1:${plainPort}`;
  proxy.tlsUrl = `https://127.0.0.1:${tlsPort}`;
  return proxy;
}
