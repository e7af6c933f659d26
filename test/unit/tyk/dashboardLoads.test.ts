// src/tyk/dashboard.ts, the bounded loads: which pages a whole catalog or all policies take (page 1, then
// everything at once with p=-1 when the first page says it stays small, else page by page), where they stop
// (an empty page, the request bound, the byte bound, a page count beyond MAX_PAGES), and what the caller is
// told when a load stops early. Against a loopback server answering page by page, with small bounds.
import * as assert from 'node:assert/strict';
import type * as http from 'node:http';
import { ALL_AT_ONCE_ESTIMATE_BYTES, DashboardClient } from '../../../src/tyk/dashboard';
import type { ConnectionOptions } from '../../../src/tyk/http';
import type { LoadTruncated } from '../../../src/tyk/paging';
import { json, startFaultServer, type FaultServer } from '../../support/faultServer';
import { tykErrorOf } from '../../support/tykError';

const MB = 1024 * 1024;
const wrapper = (id: string, name = id): Record<string, unknown> => ({ api_definition: { api_id: id, name } });
/** An answer of APIs as the Dashboard sends it, as text (so its size is known). */
const apisBody = (ids: string[], pages: number | undefined, pad = 0): string =>
  JSON.stringify({ apis: ids.map((id, i) => wrapper(id, i === 0 && pad > 0 ? 'n'.repeat(pad) : id)), ...(pages === undefined ? {} : { pages }) });
const policiesBody = (ids: string[], pages: number | undefined): string => JSON.stringify({ Data: ids.map((id) => ({ _id: id, name: id })), ...(pages === undefined ? {} : { Pages: pages }) });

describe('tyk/dashboard: bounded loads of the catalog and of the policies', () => {
  let server: FaultServer;
  const clients: DashboardClient[] = [];
  /** Answers GET ?p=N with `pages(N)`: a body text, or a status with a JSON body. */
  const byPage = (pages: (p: number) => string | [number, unknown]): void =>
    server.handle((req: http.IncomingMessage, res: http.ServerResponse) => {
      const p = Number(new URL(req.url ?? '/', server.url).searchParams.get('p'));
      const answer = pages(p);
      if (typeof answer === 'string') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
        res.end(answer);
      } else {
        json(res, answer[0], answer[1]);
      }
    });
  const asked = (): string[] => server.requests.map((r) => new URL(r.url, server.url).searchParams.get('p') ?? '');
  const client = (options: Partial<Omit<ConnectionOptions, 'flavor'>> = {}): DashboardClient => {
    const c = new DashboardClient({ baseUrl: server.url, credential: 'cred-1234', retryDelayMs: 1, ...options });
    clients.push(c);
    return c;
  };
  const label = (): string => `Tyk Dashboard at ${server.url}`;
  const load = async (c: DashboardClient): Promise<{ ids: string[]; told: string[][]; notices: LoadTruncated[] }> => {
    const told: string[][] = [];
    const notices: LoadTruncated[] = [];
    const apis = await c.listAllApis({ onPage: (page) => told.push(page.map((a) => a.apiId)), onTruncated: (n) => notices.push(n) });
    return { ids: apis.map((a) => a.apiId), told, notices };
  };

  beforeEach(async () => {
    server = await startFaultServer();
  });
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.dispose());
    await server.close();
  });

  it('the estimate bound of everything at once: 24 MB', () => {
    assert.equal(ALL_AT_ONCE_ESTIMATE_BYTES, 24 * MB);
  });

  it('one page asked for: p=-1 (everything) may be three times the bound of one answer, any other page only one', async () => {
    const answer = apisBody(Array.from({ length: 60 }, (_, i) => `a${i}`), 1);
    assert.ok(answer.length > 1000 * 2 && answer.length <= 1000 * 3, String(answer.length));
    byPage(() => answer);
    const c = client({ maxResponseBytes: 1000 });
    const all = await c.listApisPage(-1);
    assert.deepEqual([all.apis.length, all.page, all.pages], [60, -1, 1]);
    assert.equal((await tykErrorOf(() => c.listApisPage(2))).code, 'TOO_LARGE');
    assert.equal((await tykErrorOf(() => c.listApisPage(0))).code, 'TOO_LARGE');
    assert.deepEqual(asked(), ['-1', '2', '0']);
  });

  it('a catalog of one page (or no page count): one request, told once, no notice', async () => {
    for (const pages of [1, undefined, 0]) {
      server.requests.length = 0;
      byPage(() => apisBody(['a1', 'a2'], pages));
      assert.deepEqual(await load(client()), { ids: ['a1', 'a2'], told: [['a1', 'a2']], notices: [] }, String(pages));
      assert.deepEqual(asked(), ['1'], String(pages));
    }
  });

  it('a small catalog of several pages: the rest in one request (p=-1), told only the APIs not seen yet, each id once', async () => {
    byPage((p) => (p === 1 ? apisBody(['a1', 'a2'], 3) : apisBody(['a1', 'a2', 'a3', 'a4', 'a5'], 1)));
    assert.deepEqual(await load(client()), { ids: ['a1', 'a2', 'a3', 'a4', 'a5'], told: [['a1', 'a2'], ['a3', 'a4', 'a5']], notices: [] });
    assert.deepEqual(asked(), ['1', '-1']);
  });

  it('everything at once may be three times the bound of one answer; larger, it falls back to pages 2, 3…', async () => {
    // One answer: at most 2,000 bytes. Page 1 is small and claims 3 pages.
    const rest = (n: number): string[] => Array.from({ length: n }, (_, i) => `b${i}`);
    const fits = apisBody(rest(120), 1);
    assert.ok(fits.length > 2000 * 2 && fits.length <= 2000 * 3, String(fits.length));
    byPage((p) => (p === 1 ? apisBody(['a1'], 3) : fits));
    assert.equal((await load(client({ maxResponseBytes: 2000 }))).ids.length, 121);
    assert.deepEqual(asked(), ['1', '-1']);

    server.requests.length = 0;
    const tooLarge = apisBody(rest(200), 1);
    assert.ok(tooLarge.length > 2000 * 3, String(tooLarge.length));
    byPage((p) => (p === 1 ? apisBody(['a1'], 3) : p === -1 ? tooLarge : apisBody([`a${p}`, 'a1'], 3)));
    assert.deepEqual(await load(client({ maxResponseBytes: 2000 })), { ids: ['a1', 'a2', 'a3'], told: [['a1'], ['a2', 'a1'], ['a3', 'a1']], notices: [] });
    assert.deepEqual(asked().slice(0, 2), ['1', '-1']);
    assert.deepEqual(asked().slice(2).sort(), ['2', '3']);
  });

  it('any other failure of everything at once fails the load, in the words of listing the APIs', async () => {
    byPage((p) => (p === 1 ? apisBody(['a1'], 3) : [500, { Message: 'out of memory' }]));
    const e = await tykErrorOf(() => client().listAllApis());
    assert.equal(e.kind, 'server');
    assert.equal(e.message, `The ${label()} failed to list the APIs (500) (it said: "out of memory"). Try again later, or check the server’s logs.`);
    assert.deepEqual(asked(), ['1', '-1']);
  });

  it('everything at once only while the first page’s size × the pages it claims is at most 24 MB', async () => {
    // 96 bytes × 262,144 pages = 24 MB exactly; one page more is over. (The pages asked for are at most 1,000.)
    const body = (pages: number): string => {
      const base = apisBody(['a1'], pages);
      return apisBody(['a1'], pages, 96 - base.length + 2);
    };
    assert.equal(body(262_144).length, 96);
    assert.equal(96 * 262_144, ALL_AT_ONCE_ESTIMATE_BYTES);
    byPage((p) => (p === 1 ? body(262_144) : apisBody([], 1)));
    await load(client());
    assert.deepEqual(asked(), ['1', '-1']);

    server.requests.length = 0;
    byPage((p) => (p === 1 ? body(262_145) : apisBody([], 262_145)));
    const { ids, notices } = await load(client());
    assert.deepEqual(ids, ['a1']);
    assert.ok(!asked().includes('-1'), asked().join(' '));
    assert.deepEqual(asked().slice(0, 2), ['1', '2']);
    assert.ok(asked().length <= 9, 'the pages under way when the first empty one came (8 at a time)');
    assert.deepEqual(notices, [], 'an empty page is the end, whatever the count claimed');
  });

  it('page by page: pages 2…n, at most 8 at a time, until an empty page', async () => {
    const big = 'x'.repeat(300);
    let open = 0;
    let most = 0;
    server.handle((req, res) => {
      const p = Number(new URL(req.url ?? '/', server.url).searchParams.get('p'));
      open++;
      most = Math.max(most, open);
      setTimeout(() => {
        open--;
        const text = p === 1 ? apisBody(['a1'], 20, 300) : p === -1 ? apisBody(['x'], 1, 5000) : apisBody(p <= 12 ? [`a${p}`] : [], 20, big.length);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      }, 20);
    });
    const { ids, notices } = await load(client({ maxResponseBytes: 1000 }));
    assert.deepEqual(ids, ['a1', ...Array.from({ length: 11 }, (_, i) => `a${i + 2}`)]);
    assert.equal(most, 8);
    assert.deepEqual(notices, []);
    assert.deepEqual(asked().slice(0, 2), ['1', '-1']);
  });

  it('the request bound: the load stops with what it read and says so, reason requests', async () => {
    // One answer at most 1,000 bytes; p=-1 too large for three; four requests in all: p=1, p=-1, p=2, p=3.
    const page = (p: number): string => (p === -1 ? apisBody(['x'], 1, 5000) : apisBody([`a${p}`], 10));
    byPage(page);
    const { ids, told, notices } = await load(client({ maxResponseBytes: 1000, loadLimits: { maxRequests: 4, maxBytes: 2.6 * MB } }));
    assert.deepEqual(ids, ['a1', 'a2', 'a3']);
    assert.deepEqual(told, [['a1'], ['a2'], ['a3']]);
    assert.deepEqual(asked().slice(0, 2), ['1', '-1']);
    assert.deepEqual(asked().slice(2).sort(), ['2', '3']);
    assert.deepEqual(notices, [
      {
        shown: 3,
        pages: 10,
        requests: 4,
        bytes: page(1).length + page(2).length + page(3).length,
        reason: 'requests',
        message: `Showing the first 3 APIs of the ${label()}: it reports 10 pages, more than one load reads (at most 4 requests and 3 MB). Search to find the others.`,
      },
    ]);
  });

  it('the byte bound: everything at once larger than the bytes left stops the load there, reason bytes', async () => {
    // One answer at most 1 MB; the load at most 2.4 MB: p=-1 is granted the 2.4 MB left, not 3 MB, and its 2.5 MB
    // answer is refused by the load's bound, not the connection's: the load stops, it does not fall back to pages.
    const first = apisBody(['a1'], 5);
    byPage((p) => (p === 1 ? first : apisBody(['x'], 1, 2.5 * MB)));
    const { ids, notices } = await load(client({ maxResponseBytes: MB, loadLimits: { maxRequests: 100, maxBytes: 2.4 * MB } }));
    assert.deepEqual(ids, ['a1']);
    assert.deepEqual(asked(), ['1', '-1']);
    assert.deepEqual(notices, [
      {
        shown: 1,
        pages: 5,
        requests: 2,
        bytes: first.length,
        reason: 'bytes',
        message: `Showing the first 1 APIs of the ${label()}: it reports 5 pages, more than one load reads (at most 100 requests and 2 MB). Search to find the others.`,
      },
    ]);
  });

  it('no room even for the first page: nothing is asked, and nothing shown', async () => {
    byPage(() => apisBody(['a1'], 1));
    assert.deepEqual(await client({ loadLimits: { maxRequests: 0, maxBytes: MB } }).listAllApis(), []);
    assert.deepEqual(await client({ loadLimits: { maxRequests: 0, maxBytes: MB } }).listPolicies(), []);
    assert.equal(server.requests.length, 0);
  });

  it('a page count claimed past any estimate: no p=-1, and the notice writes the count with separators', async () => {
    byPage((p) => (p === -1 ? [500, {}] : apisBody([`a${p}`], 1_000_000_000)));
    const { ids, notices } = await load(client({ loadLimits: { maxRequests: 3, maxBytes: 64 * MB } }));
    assert.deepEqual(ids, ['a1', 'a2', 'a3']);
    assert.equal(notices.length, 1);
    assert.equal(notices[0]?.pages, 1_000_000_000);
    assert.equal(notices[0]?.message, `Showing the first 3 APIs of the ${label()}: it reports 1,000,000,000 pages, more than one load reads (at most 3 requests and 64 MB). Search to find the others.`);
  });

  it('policies: one page, one request; page by page until an empty page, each id once; the page count claimed', async () => {
    byPage(() => policiesBody(['p1', 'p2'], 1));
    assert.deepEqual(
      (await client().listPolicies()).map((p) => p.id),
      ['p1', 'p2'],
    );
    assert.deepEqual(asked(), ['1']);

    server.requests.length = 0;
    byPage((p) => policiesBody(p <= 3 ? [`p${p}`, 'p1'] : [], 9));
    const notices: LoadTruncated[] = [];
    assert.deepEqual(
      (await client().listPolicies({ onTruncated: (n) => notices.push(n) })).map((p) => p.id),
      ['p1', 'p2', 'p3'],
    );
    assert.deepEqual(notices, []);
    assert.ok(asked().includes('4') && !asked().includes('-1'), asked().join(' '));
  });

  it('policies: the request bound stops the load and says so, in the words of policies', async () => {
    const page = (p: number): string => policiesBody([`p${p}`], 7);
    byPage(page);
    const notices: LoadTruncated[] = [];
    const policies = await client({ loadLimits: { maxRequests: 2, maxBytes: 5 * MB } }).listPolicies({ onTruncated: (n) => notices.push(n) });
    assert.deepEqual(
      policies.map((p) => p.id),
      ['p1', 'p2'],
    );
    assert.deepEqual(notices, [
      {
        shown: 2,
        pages: 7,
        requests: 2,
        bytes: page(1).length + page(2).length,
        reason: 'requests',
        message: `Showing the first 2 policies of the ${label()}: it reports 7 pages, more than one load reads (at most 2 requests and 5 MB).`,
      },
    ]);
  });

  it('policies: more pages claimed than a load reads: told when the last page read is not empty, not when it is', async () => {
    byPage((p) => policiesBody([`p${p}`], 5000));
    const notices: LoadTruncated[] = [];
    await client({ loadLimits: { maxRequests: 2, maxBytes: MB } }).listPolicies({ onTruncated: (n) => notices.push(n) });
    assert.equal(notices[0]?.message, `Showing the first 2 policies of the ${label()}: it reports 5,000 pages, more than one load reads (at most 2 requests and 1 MB).`);
    assert.equal(notices[0]?.pages, 5000);

    byPage((p) => policiesBody(p === 1 ? ['p1'] : [], 5000));
    notices.length = 0;
    assert.deepEqual(
      (await client().listPolicies({ onTruncated: (n) => notices.push(n) })).map((p) => p.id),
      ['p1'],
    );
    assert.deepEqual(notices, []);
  });

  it('a load that stops early without anyone to tell still returns what it read', async () => {
    byPage((p) => (p === -1 ? [500, {}] : apisBody([`a${p}`], 1e9)));
    assert.equal((await client({ loadLimits: { maxRequests: 2, maxBytes: MB } }).listAllApis()).length, 2);
    byPage((p) => policiesBody([`p${p}`], 1e9));
    assert.equal((await client({ loadLimits: { maxRequests: 2, maxBytes: MB } }).listPolicies()).length, 2);
  });

  it('policies: every page read when there are few, and no notice', async () => {
    byPage((p) => policiesBody([`p${p}`], 3));
    const notices: LoadTruncated[] = [];
    assert.deepEqual(
      (await client().listPolicies({ onTruncated: (n) => notices.push(n) })).map((p) => p.id),
      ['p1', 'p2', 'p3'],
    );
    assert.deepEqual(notices, []);
    assert.deepEqual(asked().sort(), ['1', '2', '3']);
  });

  it('policies: more full pages than are fetched at once, then empty ones: all the full ones, and few of the empty', async () => {
    byPage((p) => policiesBody(p <= 10 ? [`p${p}`] : [], 50));
    assert.deepEqual(
      (await client().listPolicies()).map((p) => p.id),
      Array.from({ length: 10 }, (_, i) => `p${i + 1}`),
    );
    assert.ok(server.requests.length <= 20, `${server.requests.length} requests for 10 pages of 50 claimed`);
  });

  it('policies: more than 1,000 pages claimed, every page read full: 1,000 requests, and the caller is told', async function () {
    this.timeout(30_000);
    byPage((p) => policiesBody([`p${p}`], 1001));
    const notices: LoadTruncated[] = [];
    const policies = await client().listPolicies({ onTruncated: (n) => notices.push(n) });
    assert.equal(policies.length, 1000);
    assert.equal(server.requests.length, 1000);
    assert.deepEqual(
      notices.map((n) => [n.shown, n.pages, n.requests, n.reason]),
      [[1000, 1001, 1000, 'requests']],
    );
  });

  it('policies: a failed page fails the load, in the words of listing the policies', async () => {
    byPage((p) => (p === 1 ? policiesBody(['p1'], 3) : [400, { Message: 'no' }]));
    const e = await tykErrorOf(() => client().listPolicies());
    assert.equal(e.message, `The ${label()} refused to list the policies (400) (it said: "no").`);
  });
});
