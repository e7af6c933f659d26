// A large answer is parsed and checked in slices (issue 14: no single answer may hold the event loop for
// more than 100 ms), with exactly the results of JSON.parse + schema.safeParse. The time bound itself is
// measured by `npm run bench -- --only answer`; these tests pin that the work really is cut into slices
// (other callbacks run in between) and that slicing changes nothing in what comes out.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as S from '../../../src/tyk/schemas';
import { CancelledError, INCREMENTAL_FROM_BYTES, JsonSyntaxError, SLICE_MS, Slicer, checkJson, decodeText, mapInSlices, parseJson } from '../../../src/tyk/jsonSlices';
import { DashboardClient } from '../../../src/tyk/dashboard';
import { TykError } from '../../../src/tyk/errors';
import { startFaultServer, type FaultServer } from '../../support/faultServer';
import wrapper from '../../fixtures/tyk/oas-api-wrapper.json';

/** `text` as a socket may deliver it: in chunks of `size` bytes, cut anywhere (inside a UTF-8 character too). */
function chunked(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) {
    chunks.push(bytes.subarray(at, at + size));
  }
  return chunks;
}

/** A /api/apis page of `count` Tyk OAS definitions, names with characters of 2, 3 and 4 UTF-8 bytes. */
function apisPage(count: number): { apis: unknown[]; pages: number } {
  return {
    apis: Array.from({ length: count }, (_, i) => ({ ...wrapper, api_definition: { ...wrapper.api_definition, api_id: `api-${i}`, name: `Pétstore ✓ 🐕 ${i}`, tags: ['a', `t${i}`] } })),
    pages: 1,
  };
}

/** How many times other callbacks got the event loop while `work` ran. */
async function turnsDuring<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let running = true;
  const spin = (): void => {
    if (running) {
      turns++;
      setImmediate(spin);
    }
  };
  setImmediate(spin);
  try {
    return { result: await work(), turns };
  } finally {
    running = false;
  }
}

/** A Slicer that counts the points where the work may yield (one per parser piece, one per item checked). */
class CountingSlicer extends Slicer {
  ticks = 0;
  override async tick(): Promise<void> {
    this.ticks++;
    return super.tick();
  }
}

/** Waits without giving the event loop back. */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

describe('tyk/jsonSlices: where the work is cut', () => {
  it('a Slicer yields only once SLICE_MS has passed, counts it, and then starts a new slice', async () => {
    const slicer = new Slicer();
    await slicer.tick();
    await slicer.tick();
    assert.equal(slicer.yields, 0, 'within the slice: no yield');
    busy(SLICE_MS + 2);
    const { turns } = await turnsDuring(() => slicer.tick());
    assert.equal(slicer.yields, 1);
    assert.ok(turns >= 1, 'other callbacks ran at the yield');
    await slicer.tick();
    assert.equal(slicer.yields, 1, 'a new slice began at the yield');
  });

  it('a cancelled Slicer throws at its next yield, saying so', async () => {
    const controller = new AbortController();
    const slicer = new Slicer(controller.signal);
    controller.abort();
    await slicer.tick();
    busy(SLICE_MS + 2);
    await assert.rejects(slicer.tick(), (e: unknown) => e instanceof CancelledError && e.message === 'cancelled');
  });

  it('decodeText: the first maxBytes bytes of the chunks, without a byte order mark', () => {
    const chunks = [Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":'), Buffer.from('1}')];
    assert.equal(decodeText(chunks), '{"a":1}');
    assert.equal(decodeText(chunks, 6), '{"a');
    assert.equal(decodeText([Buffer.from('abc')], 10), 'abc');
  });

  it('a body under INCREMENTAL_FROM_BYTES is parsed at once; from that size on, piece by piece', async () => {
    const below = new CountingSlicer();
    const list = (bytes: number): Buffer => Buffer.from(`[${' '.repeat(bytes - 2)}]`);
    assert.deepEqual(await parseJson([list(INCREMENTAL_FROM_BYTES - 1)], below), []);
    assert.equal(below.ticks, 0, `${INCREMENTAL_FROM_BYTES - 1} bytes: at once`);
    const at = new CountingSlicer();
    assert.deepEqual(await parseJson([list(INCREMENTAL_FROM_BYTES)], at), []);
    assert.equal(at.ticks, INCREMENTAL_FROM_BYTES / 65_536, `${INCREMENTAL_FROM_BYTES} bytes: in pieces of 64 KB`);
    await assert.rejects(parseJson([Buffer.from(' '.repeat(INCREMENTAL_FROM_BYTES))], new Slicer()), (e: unknown) => e instanceof JsonSyntaxError);
  });

  it('large arrays (more than 256 items) are checked item by item, wherever objects lead to them; smaller ones at once', async () => {
    const keys = (n: number): string[] => Array.from({ length: n }, (_, i) => `k${i}`);
    const count = async (schema: S.Schema<unknown>, value: unknown): Promise<number> => {
      const slicer = new CountingSlicer();
      const checked = await checkJson(schema, value, slicer);
      assert.ok(checked.success);
      assert.deepEqual(checked.data, schema.safeParse(value).data);
      return slicer.ticks;
    };
    assert.equal(await count(S.GatewayKeys, { keys: keys(256) }), 0, '256 keys: at once');
    assert.equal(await count(S.GatewayKeys, { keys: keys(257) }), 257, '257 keys: one by one');
    assert.equal(await count(S.DashboardKeys, { data: { keys: keys(300) }, pages: 1 }), 300, 'under data.keys');
    assert.equal(await count(S.GatewayApiList, Array.from({ length: 300 }, (_, i) => ({ api_id: `a${i}` }))), 300, 'a bare list');
    assert.equal(await count(S.DashboardKeys, { data: null, pages: 1, keys: keys(300) }), 0, 'a field the schema does not name is not checked');
    // A large tag list inside each of many policies (under z.catch): both levels item by item.
    const policies = Array.from({ length: 300 }, (_, i) => ({ id: `p${i}`, tags: i === 0 ? keys(400) : ['t'] }));
    assert.equal(await count(S.DashboardPolicies, { Data: policies, Pages: 1 }), 300 + 400);
  });

  it('a wrong item in a large list under z.catch (one policy’s 400 tags) gives that field its fallback; the rest is kept', async () => {
    const tags = Array.from({ length: 400 }, (_, i) => (i === 333 ? 5 : `t${i}`));
    const Data = Array.from({ length: 300 }, (_, i) => ({ id: `p${i}`, name: `P${i}`, tags: i === 7 ? tags : ['x'] }));
    const value = { Data, Pages: 1 };
    const checked = await checkJson(S.DashboardPolicies, value, new Slicer());
    assert.ok(checked.success);
    assert.deepEqual(checked.data, S.DashboardPolicies.safeParse(value).data);
    assert.equal(checked.data.Data?.[7]?.tags, undefined, 'the fallback');
    assert.equal(checked.data.Data?.[7]?.name, 'P7');
    assert.deepEqual(checked.data.Data?.[8]?.tags, ['x']);
  });

  it('a wrong item in a large list without a fallback fails the whole answer with its path and zod’s message', async () => {
    const value = { data: { keys: [...Array.from({ length: 299 }, (_, i) => `k${i}`), 7] }, pages: 1 };
    const checked = await checkJson(S.DashboardKeys, value, new Slicer());
    const whole = S.DashboardKeys.safeParse(value);
    assert.ok(!checked.success && !whole.success);
    assert.deepEqual(checked.issue, { path: ['data', 'keys', 299], message: whole.error.issues[0]?.message });
  });
});

describe('tyk/jsonSlices: a large answer is read in slices', () => {
  const big = JSON.stringify(apisPage(5000));

  it('the test body is above the bound from which parsing is sliced', () => {
    assert.ok(Buffer.byteLength(big) > 2 * INCREMENTAL_FROM_BYTES, `${Buffer.byteLength(big)} bytes`);
  });

  it('parses a large body in chunks cut anywhere to what JSON.parse gives', async () => {
    const expected: unknown = JSON.parse(big);
    for (const size of [4093, 1_000_003]) {
      assert.deepEqual(await parseJson(chunked(big, size), new Slicer()), expected, `chunks of ${size}`);
    }
  });

  it('gives the event loop back while parsing and checking a large body; a small one at once', async () => {
    const chunks = chunked(big, 65_536);
    const parsed = await turnsDuring(() => parseJson(chunks, new Slicer()));
    assert.ok(parsed.turns >= 3, `other callbacks ran ${parsed.turns} times while parsing ${big.length} bytes`);
    const checked = await turnsDuring(() => checkJson(S.ApiDefinitionsResponse, parsed.result, new Slicer()));
    assert.ok(checked.turns >= 1, `other callbacks ran ${checked.turns} times while checking 5,000 definitions`);
    const small = await turnsDuring(() => parseJson(chunked('{"apis":[],"pages":1}', 4), new Slicer()));
    assert.equal(small.turns, 0, 'a small body is parsed at once');
    assert.deepEqual(small.result, { apis: [], pages: 1 });
  });

  it('drops a byte order mark, keeps "__proto__" a plain key, and refuses what JSON.parse refuses', async () => {
    const padding = ' '.repeat(INCREMENTAL_FROM_BYTES);
    const large = (text: string): Buffer[] => chunked(text + padding, 65_536);
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    assert.deepEqual(await parseJson([bom, ...large('{"a":1}')], new Slicer()), { a: 1 });
    assert.deepEqual(await parseJson([Buffer.concat([bom, Buffer.from('[2]')])], new Slicer()), [2]);
    const proto = (await parseJson(large('{"__proto__":{"polluted":true}}'), new Slicer())) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(proto), Object.prototype);
    assert.deepEqual(Object.keys(proto), ['__proto__']);
    assert.equal((proto as { polluted?: unknown }).polluted, undefined);
    for (const bad of ['{"a":1} x', '{"a":1', '[1,2,]', '{"a":"\u0001"}', 'nul', '', '{"a":1}{"b":2}']) {
      for (const chunks of [large(bad), chunked(bad, 3)]) {
        await assert.rejects(parseJson(chunks, new Slicer()), JsonSyntaxError, JSON.stringify(bad));
      }
    }
  });

  it('stops at the next slice once cancelled', async () => {
    const controller = new AbortController();
    const slicer = new Slicer(controller.signal);
    const parsing = parseJson(chunked(big, 65_536), slicer);
    controller.abort();
    await assert.rejects(parsing, CancelledError);
    assert.ok(slicer.yields <= 1, `stopped after ${slicer.yields} slices`);
  });

  describe('checks as schema.safeParse does', () => {
    const same = async (schema: S.Schema<unknown>, value: unknown): Promise<void> => {
      const sliced = await checkJson(schema, value, new Slicer());
      const whole = schema.safeParse(value);
      assert.equal(sliced.success, whole.success);
      if (sliced.success && whole.success) {
        assert.deepEqual(sliced.data, whole.data);
      } else if (!sliced.success && !whole.success) {
        assert.deepEqual(sliced.issue?.path, whole.error.issues[0]?.path);
        assert.equal(sliced.issue?.message, whole.error.issues[0]?.message);
      }
    };

    it('a large page, valid, and with one bad item deep inside', async () => {
      const page = apisPage(1000);
      await same(S.ApiDefinitionsResponse, page);
      const bad = structuredClone(page);
      (bad.apis[700] as { api_definition: { api_id: unknown } }).api_definition.api_id = 7;
      await same(S.ApiDefinitionsResponse, bad);
      const sliced = await checkJson(S.ApiDefinitionsResponse, bad, new Slicer());
      assert.ok(!sliced.success);
      assert.deepEqual(sliced.issue?.path, ['apis', 700, 'api_definition', 'api_id']);
    });

    it('a large list under a fallback (tags) takes the fallback when one item is wrong, like safeParse', async () => {
      const tags = Array.from({ length: 2000 }, (_, i) => `t${i}`);
      await same(S.GatewayPolicies, [{ id: 'p', tags }]);
      const withBadTag = [{ id: 'p', name: 'A', tags: [...tags.slice(0, 1500), 5, ...tags.slice(1500)] }];
      await same(S.GatewayPolicies, withBadTag);
      const sliced = await checkJson(S.GatewayPolicies, withBadTag, new Slicer());
      assert.ok(sliced.success);
      assert.equal(sliced.data?.[0]?.tags, undefined);
      assert.equal(sliced.data?.[0]?.name, 'A');
    });

    it('bare arrays, nested arrays, nulls and wrong types', async () => {
      const keys = Array.from({ length: 3000 }, (_, i) => `key${i}`);
      for (const [schema, value] of [
        [S.GatewayApiList, Array.from({ length: 600 }, (_, i) => ({ api_id: `a${i}`, extra: [1, 2] }))],
        [S.GatewayApiList, null],
        [S.GatewayApiList, Array.from({ length: 600 }, (_, i) => (i === 599 ? { id: 'no api_id' } : { api_id: `a${i}` }))],
        [S.DashboardKeys, { data: { keys }, pages: 3 }],
        [S.DashboardKeys, { data: { keys: [...keys, null] }, pages: 3 }],
        [S.DashboardKeys, { data: null, pages: 'x' }],
        [S.GatewayKeys, { keys }],
        [S.GatewayKeys, 'not an object'],
        [S.DashboardPolicies, { Data: Array.from({ length: 400 }, (_, i) => ({ id: `p${i}`, access_rights: { a: { api_id: 'a' } } })), Pages: 1 }],
        [S.ApiDefinitionsResponse, { apis: null }],
      ] as Array<[S.Schema<unknown>, unknown]>) {
        await same(schema, value);
      }
    });

    it('matches safeParse on random lists of random items', async () => {
      const item = fc.oneof(
        fc.record({ api_id: fc.oneof(fc.string(), fc.constant(''), fc.integer()), name: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) }, { requiredKeys: [] }),
        fc.constant(null),
        fc.string(),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(item, { minLength: 250, maxLength: 400 }), async (list) => same(S.GatewayApiList, list)),
        { numRuns: 60 },
      );
    });
  });

  it('maps a long list in slices', async () => {
    const items = Array.from({ length: 200_000 }, (_, i) => i);
    const { result, turns } = await turnsDuring(() =>
      mapInSlices(items, (i) => {
        let x = 0;
        for (let k = 0; k < 50; k++) {
          x += (i * k) % 7;
        }
        return x;
      }),
    );
    assert.equal(result.length, items.length);
    assert.equal(result[3], [...Array(50).keys()].reduce((sum, k) => sum + ((3 * k) % 7), 0));
    assert.ok(turns >= 1, `other callbacks ran ${turns} times`);
  });
});

describe('tyk/http: a large answer through the client', () => {
  let server: FaultServer;
  beforeEach(async () => {
    server = await startFaultServer();
  });
  afterEach(async () => server.close());

  it('lists a 4 MB page with other callbacks running in between, and stops when cancelled after the answer was sent', async () => {
    const body = JSON.stringify(apisPage(5000));
    let sent = (): void => undefined;
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body, () => sent());
    });
    const client = new DashboardClient({ baseUrl: server.url, credential: 'secret-credential' });
    try {
      const { result, turns } = await turnsDuring(() => client.listApisPage(1));
      assert.equal(result.apis.length, 5000);
      assert.equal(result.apis[4999]?.name, 'Pétstore ✓ 🐕 4999');
      assert.ok(turns >= 3, `${turns} turns`);
      const controller = new AbortController();
      sent = () => setTimeout(() => controller.abort(), 1);
      const listing = client.listApisPage(1, { signal: controller.signal });
      await assert.rejects(listing, (e: unknown) => e instanceof TykError && e.kind === 'cancelled');
    } finally {
      client.dispose();
    }
  });
});
