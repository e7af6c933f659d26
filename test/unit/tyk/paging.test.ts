// src/tyk/paging.ts: page counts made safe, bounded parallel paging, and de-duplicating what pages repeat.
import * as assert from 'node:assert/strict';
import { TykError } from '../../../src/tyk/errors';
import {
  DEFAULT_LOAD_LIMITS,
  LoadBudget,
  MAX_LOAD_BYTES,
  MAX_LOAD_REQUESTS,
  MAX_PAGES,
  PAGE_CONCURRENCY,
  mapLimit,
  pageCount,
  remainingPages,
  uniqueBy,
  withinBudget,
} from '../../../src/tyk/paging';

describe('tyk/paging', () => {
  it('pageCount: a whole number from 1 to MAX_PAGES, whatever the server sent', () => {
    assert.deepEqual([pageCount(3), pageCount(0), pageCount(-1), pageCount(2.5), pageCount(null), pageCount(undefined), pageCount(1e12)], [3, 1, 1, 1, 1, 1, MAX_PAGES]);
    assert.deepEqual(remainingPages(4), [2, 3, 4]);
    assert.deepEqual(remainingPages(1), []);
  });

  it('mapLimit: keeps the order, runs at most `limit` at once, stops after the last page', async () => {
    let running = 0;
    let most = 0;
    const results = await mapLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 10 - n));
      running--;
      return n * 10;
    });
    assert.deepEqual(results, [10, 20, 30, 40, 50, 60, 70]);
    assert.equal(most, 3);
    const started: number[] = [];
    const untilEmpty = await mapLimit([1, 2, 3, 4, 5], 1, (n) => (started.push(n), Promise.resolve(n === 3 ? [] : [n])), (page) => page.length === 0);
    assert.deepEqual(untilEmpty, [[1], [2], []]);
    assert.deepEqual(started, [1, 2, 3], 'nothing started after the empty page');
  });

  it('uniqueBy: the first of each key, in order, across calls sharing `seen`', () => {
    const byId = (a: { id: string }): string => a.id;
    assert.deepEqual(uniqueBy([{ id: 'a', n: 1 }, { id: 'b', n: 2 }, { id: 'a', n: 3 }], byId), [{ id: 'a', n: 1 }, { id: 'b', n: 2 }]);
    const seen = new Set<string>();
    assert.deepEqual(uniqueBy([{ id: 'a' }, { id: 'b' }], byId, seen), [{ id: 'a' }, { id: 'b' }]);
    assert.deepEqual(uniqueBy([{ id: 'b' }, { id: 'c' }], byId, seen), [{ id: 'c' }], 'a page repeating an API already streamed');
  });
});

describe('tyk/paging: the budget of one load', () => {
  it('the bounds: 1,000 requests, 256 MB, 6 pages at once; MAX_PAGES is the request bound', () => {
    assert.equal(MAX_LOAD_REQUESTS, 1000);
    assert.equal(MAX_LOAD_BYTES, 256 * 1024 * 1024);
    assert.equal(PAGE_CONCURRENCY, 6);
    assert.equal(MAX_PAGES, 1000);
    assert.deepEqual(DEFAULT_LOAD_LIMITS, { maxRequests: 1000, maxBytes: 256 * 1024 * 1024 });
    assert.deepEqual(new LoadBudget().limits, DEFAULT_LOAD_LIMITS);
  });

  it('start: exactly maxRequests requests, then stopped for requests, and nothing more after', () => {
    const budget = new LoadBudget({ maxRequests: 2, maxBytes: 100 });
    assert.equal(budget.start(10), 10);
    assert.equal(budget.start(10), 10);
    assert.equal(budget.requests, 2);
    assert.equal(budget.start(10), undefined);
    assert.equal(budget.stopped, 'requests');
    budget.finish(10, 0);
    assert.equal(budget.start(1), undefined, 'a stopped budget stays stopped');
    assert.equal(budget.requests, 2);
  });

  it('start: the cap when there is room; the room shared by `parallel` (at least 1); all the room is grantable', () => {
    const budget = new LoadBudget({ maxRequests: 10, maxBytes: 100 });
    assert.equal(budget.start(100, 0), 100, 'parallel 0 counts as 1; exactly the room left');
    budget.finish(100, 0);
    assert.equal(budget.start(30, 3), 30);
    assert.equal(budget.start(100, 3), 23, 'floor((100 - 30) / 3)');
    budget.finish(30, 0);
    budget.finish(23, 0);
    assert.equal(budget.bytes, 0);
  });

  it('start: stops for bytes when no room is left, or less than the largest answer read', () => {
    const full = new LoadBudget({ maxRequests: 10, maxBytes: 100 });
    assert.equal(full.start(100), 100);
    assert.equal(full.start(1), undefined);
    assert.equal(full.stopped, 'bytes');
    const largest = new LoadBudget({ maxRequests: 10, maxBytes: 100 });
    const granted = largest.start(60) ?? 0;
    largest.finish(granted, 60);
    assert.equal(largest.bytes, 60);
    assert.equal(largest.start(50), undefined, '40 left < 60, the largest answer read');
    assert.equal(largest.stopped, 'bytes');
    const equal = new LoadBudget({ maxRequests: 10, maxBytes: 100 });
    equal.finish(equal.start(50) ?? 0, 50);
    assert.equal(equal.start(60), 50, 'room equal to the largest answer is enough');
  });

  it('stop: the first reason stays', () => {
    const budget = new LoadBudget();
    budget.stop('bytes');
    budget.stop('requests');
    assert.equal(budget.stopped, 'bytes');
    assert.equal(budget.start(1), undefined);
  });

  it('withinBudget: the bound and the size reach the request; the budget learns both', async () => {
    const budget = new LoadBudget({ maxRequests: 5, maxBytes: 1000 });
    const result = await withinBudget(budget, 300, 2, (maxBytes, onBodySize) => {
      assert.equal(maxBytes, 300);
      onBodySize(120);
      return Promise.resolve('page');
    });
    assert.equal(result, 'page');
    assert.equal(budget.bytes, 120);
    assert.equal(budget.requests, 1);
    assert.equal(budget.start(1000), 880, 'nothing reserved any more');
  });

  it('withinBudget: undefined without a request when the budget is spent', async () => {
    const budget = new LoadBudget({ maxRequests: 0, maxBytes: 1000 });
    let called = false;
    assert.equal(await withinBudget(budget, 10, 1, () => ((called = true), Promise.resolve(1))), undefined);
    assert.equal(called, false);
  });

  it('withinBudget: too large for a bound the budget set → stops for bytes; else the error goes on', async () => {
    const tooLarge = new TykError('bad-response', 'too large', { code: 'TOO_LARGE' });
    const small = new LoadBudget({ maxRequests: 5, maxBytes: 100 });
    assert.equal(await withinBudget(small, 300, 1, () => Promise.reject(tooLarge)), undefined);
    assert.equal(small.stopped, 'bytes');
    assert.equal(small.start(1), undefined);
    const roomy = new LoadBudget({ maxRequests: 5, maxBytes: 1000 });
    await assert.rejects(withinBudget(roomy, 300, 1, () => Promise.reject(tooLarge)), tooLarge, 'the connection’s own bound: a real failure');
    assert.equal(roomy.stopped, undefined);
    const other = new TykError('server', 'boom', { code: 'X' });
    await assert.rejects(withinBudget(new LoadBudget({ maxRequests: 5, maxBytes: 100 }), 300, 1, () => Promise.reject(other)), other);
    await assert.rejects(withinBudget(new LoadBudget({ maxRequests: 5, maxBytes: 100 }), 300, 1, () => Promise.reject(new Error('TOO_LARGE'))), /TOO_LARGE/);
    assert.equal(roomy.start(1000), 1000, 'a failed request reserves nothing after it');
  });

  it('pageCount and remainingPages at the bounds', () => {
    assert.equal(pageCount(1), 1);
    assert.equal(pageCount(1000), 1000);
    assert.equal(pageCount(1001), 1000);
    assert.equal(pageCount(Number.MAX_SAFE_INTEGER + 2), 1);
    assert.equal(remainingPages(2).length, 1);
    assert.equal(remainingPages(5000).length, 999);
    assert.deepEqual(remainingPages(0), []);
  });

  it('mapLimit: the first failure rejects and no task starts after it; no items, no task', async () => {
    const started: number[] = [];
    await assert.rejects(
      mapLimit([1, 2, 3, 4], 1, (n) => {
        started.push(n);
        return n === 2 ? Promise.reject(new Error('page 2')) : Promise.resolve(n);
      }),
      /page 2/,
    );
    assert.deepEqual(started, [1, 2]);
    assert.deepEqual(await mapLimit([], 3, () => Promise.resolve(1)), []);
    let running = 0;
    let most = 0;
    await mapLimit([1, 2], 0, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 2));
      running--;
      return n;
    });
    assert.equal(most, 1, 'a limit of 0 runs one at a time');
    assert.deepEqual(await mapLimit([1, 2, 3], 5, (n) => Promise.resolve(n)), [1, 2, 3]);
  });
});
