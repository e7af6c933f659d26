// src/tyk (dashboard.ts, gateway.ts) scanKeys: a connection's keys with their state and APIs, for the expiry
// warning, bounded. A Dashboard reads `/api/keys/detailed?p=N` page after page (at most SCAN_MAX_PAGES;
// a page with nothing new ends it); a Gateway lists the ids and reads at most `maxKeys` keys.
import * as assert from 'node:assert/strict';
import { DashboardClient, SCAN_MAX_PAGES } from '../../../src/tyk/dashboard';
import { GatewayClient } from '../../../src/tyk/gateway';
import { json, startFaultServer, type FaultServer } from '../../support/faultServer';

/** A Dashboard KeyData: the key id and its session. */
const keyData = (id: string, expires: number, apis: string[] = ['a1'], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  key_id: id,
  data: { expires, is_inactive: false, access_rights: Object.fromEntries(apis.map((a) => [a, { api_id: a }])), ...extra },
});

describe('tyk: scanKeys (the keys of a connection with their expiry, bounded)', () => {
  let server: FaultServer;
  beforeEach(async () => {
    server = await startFaultServer();
  });
  afterEach(async () => {
    await server.close();
  });
  const paths = (): string[] => server.requests.map((r) => r.url);

  describe('Dashboard: /api/keys/detailed, page by page', () => {
    let dashboard: DashboardClient;
    beforeEach(() => {
      dashboard = new DashboardClient({ baseUrl: server.url, credential: 'cred-1234', retryDelayMs: 1 });
    });
    afterEach(() => dashboard.dispose());

    it('reads each page until the last, each key’s state (alias, suspended, expiry) and APIs', async () => {
      server.handle((req, res) => {
        const page = Number(new URL(req.url ?? '/', server.url).searchParams.get('p'));
        json(res, 200, {
          keys: page === 1 ? [keyData('k1', 100, ['a1', 'a2'], { alias: 'one' }), keyData('k2', -1)] : [keyData('k3', 300, ['a2'], { is_inactive: true })],
          pages: 2,
        });
      });
      assert.deepEqual(await dashboard.scanKeys({ maxKeys: 10 }), {
        keys: [
          { id: 'k1', status: { isInactive: false, expires: 100, alias: 'one' }, apiIds: ['a1', 'a2'] },
          { id: 'k2', status: { isInactive: false, expires: -1 }, apiIds: ['a1'] },
          { id: 'k3', status: { isInactive: true, expires: 300 }, apiIds: ['a2'] },
        ],
        complete: true,
      });
      assert.deepEqual(paths(), ['/api/keys/detailed?p=1', '/api/keys/detailed?p=2']);
    });

    it('stops at maxKeys (not complete while keys remain), and after SCAN_MAX_PAGES pages', async () => {
      let served = 0;
      server.handle((_req, res) => {
        served++;
        json(res, 200, { keys: [keyData(`k${served}a`, 1), keyData(`k${served}b`, 1)], pages: 1000 });
      });
      const cut = await dashboard.scanKeys({ maxKeys: 3 });
      assert.deepEqual(
        cut.keys.map((k) => k.id),
        ['k1a', 'k1b', 'k2a'],
      );
      assert.equal(cut.complete, false);
      assert.equal(server.requests.length, 2);

      served = 0;
      server.requests.length = 0;
      const bounded = await dashboard.scanKeys({ maxKeys: 10_000 });
      assert.equal(server.requests.length, SCAN_MAX_PAGES, 'at most SCAN_MAX_PAGES requests');
      assert.equal(bounded.keys.length, 2 * SCAN_MAX_PAGES);
      assert.equal(bounded.complete, false);
    });

    it('a server that ignores p (the same page again) is read once more, not SCAN_MAX_PAGES times; entries without an id or a session are left out', async () => {
      server.handle((_req, res) => json(res, 200, { keys: [keyData('k1', 1), { key_id: '', data: {} }, { key_id: 'k-no-session' }], pages: 5 }));
      assert.deepEqual(await dashboard.scanKeys({ maxKeys: 10 }), { keys: [{ id: 'k1', status: { isInactive: false, expires: 1 }, apiIds: ['a1'] }], complete: true });
      assert.equal(server.requests.length, 2);
      server.handle((_req, res) => json(res, 200, { keys: null }));
      assert.deepEqual(await dashboard.scanKeys({ maxKeys: 10 }), { keys: [], complete: true });
    });

    it('a refusal fails the scan (the caller hides the count)', async () => {
      server.handle((_req, res) => json(res, 403, { Status: 'Error', Message: 'access denied: You do not have permission to access  /api/keys/detailed' }));
      await assert.rejects(dashboard.scanKeys({ maxKeys: 10 }), (e: Error) => /permission|denied|refused/i.test(e.message));
    });
  });

  describe('Gateway: the id list, then each key read', () => {
    let gateway: GatewayClient;
    beforeEach(() => {
      gateway = new GatewayClient({ baseUrl: server.url, credential: 'secret-1234', retryDelayMs: 1 });
    });
    afterEach(() => gateway.dispose());

    it('reads at most maxKeys keys (complete only when all were read); a key gone meanwhile is left out', async () => {
      server.handle((req, res) => {
        const url = new URL(req.url ?? '/', server.url);
        if (url.pathname === '/tyk/keys') {
          json(res, 200, { keys: ['k1', 'gone', 'k3', 'k4'] });
        } else if (url.pathname === '/tyk/keys/gone') {
          json(res, 404, { status: 'error', message: 'Key not found' });
        } else {
          json(res, 200, { expires: 42, alias: url.pathname.slice(-2), access_rights: { a1: { api_id: 'a1' } } });
        }
      });
      const cut = await gateway.scanKeys({ maxKeys: 3 });
      assert.deepEqual(cut, {
        keys: [
          { id: 'k1', status: { isInactive: false, expires: 42, alias: 'k1' }, apiIds: ['a1'] },
          { id: 'k3', status: { isInactive: false, expires: 42, alias: 'k3' }, apiIds: ['a1'] },
        ],
        complete: false,
      });
      assert.ok(!paths().some((p) => p.startsWith('/tyk/keys/k4')), 'the 4th key is not read');
      assert.equal((await gateway.scanKeys({ maxKeys: 4 })).complete, true);
    });
  });
});
