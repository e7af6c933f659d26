// src/tyk/paging.ts: page counts made safe, bounded parallel paging, and de-duplicating what pages repeat.
import * as assert from 'node:assert/strict';
import { MAX_PAGES, mapLimit, pageCount, remainingPages, uniqueBy } from '../../../src/tyk/paging';

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
