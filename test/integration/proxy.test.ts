// VS Code's proxy settings apply to the extension's requests: with `http.proxy` set, a request to a
// Tyk on another host (this machine's non-loopback address) goes through that proxy.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { Connection } from '../../src/services/connections';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { clearConnections, hooks } from './helpers';

/** This machine's first non-loopback IPv4 address, if it has one. */
function outwardAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
}

/** A forward HTTP proxy on loopback that records the absolute URLs it is asked for. */
async function startForwardProxy(): Promise<{ url: string; seen: string[]; close: () => Promise<void> }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method ?? ''} ${req.url ?? ''}`);
    // On to the same port on loopback: this code runs in the extension host too, where VS Code would
    // send a request for the outward address through this very proxy again.
    const target = new URL(req.url ?? '');
    target.hostname = '127.0.0.1';
    const upstream = http.request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req, socket) => {
    seen.push(`CONNECT ${req.url ?? ''}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('VS Code’s proxy settings', () => {
  const address = outwardAddress();
  let sandbox: Sandbox;
  let proxy: Awaited<ReturnType<typeof startForwardProxy>>;

  before(async function () {
    if (!address) {
      this.skip();
    }
    sandbox = await startSandbox({ host: '0.0.0.0' });
    proxy = await startForwardProxy();
    await vscode.workspace.getConfiguration('http').update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('http').update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await clearConnections(await hooks());
    await proxy?.close();
    await sandbox?.close();
  });

  it('a Dashboard on another host is reached through http.proxy', async () => {
    const h = await hooks();
    const port = new URL(sandbox.dashboardUrl).port;
    // Plain http to another machine goes only where the user confirmed it (Add Connection records it).
    const unconfirmed: Connection = { id: 'unconfirmed', name: 'Plain http, not confirmed', kind: 'dashboard', url: `http://${address ?? ''}:${port}` };
    await h.services.store.add(unconfirmed, sandbox.credential);
    await assert.rejects(h.services.catalog.all(unconfirmed), (e: unknown) => (e as { code?: string }).code === 'INSECURE_HTTP');
    assert.ok(!proxy.seen.some((s) => s.includes('/api/apis')), 'nothing was sent');
    const connection: Connection = { id: 'proxied', name: 'Through the proxy', kind: 'dashboard', url: `http://${address ?? ''}:${port}`, allowInsecureHttp: true };
    await h.services.store.add(connection, sandbox.credential);
    const apis = await h.services.catalog.all(connection).catch((e: unknown) => assert.fail(`${String(e)}; the proxy saw: ${JSON.stringify(proxy.seen)}`));
    assert.ok(apis.length > 0);
    assert.ok(
      proxy.seen.some((s) => s.startsWith(`GET http://${address ?? ''}:${port}/api/apis`)),
      `the proxy forwarded the request: ${JSON.stringify(proxy.seen)}`,
    );
  });
});
