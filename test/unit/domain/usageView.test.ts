// The "Usage over time" section's model: what the key view's chart, table and sentences say.
import * as assert from 'node:assert/strict';
import { configureFormats } from '../../../src/domain/format';
import { dailyUsage, type DayRange } from '../../../src/domain/usage';
import { shortDay, usageFailed, usageLoading, usageUnavailable, usageView } from '../../../src/domain/usageView';

const WEEK: DayRange = { from: '2026-11-24', to: '2026-11-30' };

describe('domain/usageView', () => {
  afterEach(() => configureFormats({ locale: 'en' }));

  it('data: one row per day with its short date, the totals in a sentence, the 7-day button pressed', () => {
    const model = usageView(7, dailyUsage([{ year: 2026, month: 11, day: 26, hits: 1234, errors: 5 }], WEEK));
    assert.equal(model.state, 'data');
    assert.equal(model.rows.length, 7);
    assert.deepEqual(model.rows[2], { date: '2026-11-26', label: 'Nov 26', requests: 1234, errors: 5 });
    assert.equal(model.message, '1,234 requests in the last 7 days (UTC); errors: 5.');
    assert.deepEqual(
      model.ranges.map((r) => [r.days, r.label, r.selected]),
      [
        [7, 'Last 7 days', true],
        [30, 'Last 30 days', false],
      ],
    );
    assert.equal(model.undatedNote, undefined);
    assert.match(model.chartLabel, /Requests and errors per day, last 7 days \(UTC\)/);
  });

  it('no traffic, a Gateway, a failed read, loading: a plain sentence and no rows', () => {
    const empty = usageView(30, dailyUsage([], { from: '2026-11-01', to: '2026-11-30' }));
    assert.deepEqual([empty.state, empty.rows.length, empty.message], ['empty', 0, 'No requests with this key in the last 30 days (UTC).']);
    assert.equal(empty.ranges.find((r) => r.selected)?.days, 30);
    const gateway = usageUnavailable(7);
    assert.deepEqual([gateway.state, gateway.message], ['unavailable', 'A Tyk Gateway has no analytics API; usage is shown for Dashboard connections.']);
    const failed = usageFailed(7, 'Your Tyk Dashboard user may not read\nthis key’s analytics.');
    assert.deepEqual([failed.state, failed.message], ['error', 'Could not read the usage: Your Tyk Dashboard user may not read this key’s analytics.']);
    assert.equal(usageLoading(30).state, 'loading');
  });

  it('traffic Tyk did not date is said apart', () => {
    const model = usageView(7, dailyUsage([{ hits: 31, errors: 4 }], WEEK));
    assert.equal(model.state, 'data');
    assert.equal(model.undatedNote, 'Tyk also counted 31 requests (errors: 4) it did not place on a day; they are not in the chart.');
  });

  it('dates and numbers as the user writes them', () => {
    configureFormats({ locale: 'de' });
    assert.equal(shortDay('2026-11-26'), '26. Nov.');
    const model = usageView(7, dailyUsage([{ year: 2026, month: 11, day: 26, hits: 1234, errors: 5 }], WEEK));
    assert.match(model.message, /^1\.234 /);
  });
});
