// Usage over time: Tyk's analytics units as one row per UTC day.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import {
  MAX_USAGE_DAYS,
  dailyUsage,
  dateParts,
  daysOf,
  gatewayUsageMessage,
  lastDays,
  noTrafficMessage,
  usageKeyId,
  utcDate,
  type UsageUnit,
} from '../../../src/domain/usage';

const unit = (date: string, hits: number, errors: number): UsageUnit => {
  const [year, month, day] = date.split('-').map(Number);
  return { year, month, day, hits, errors };
};

describe('domain/usage', () => {
  it('lastDays: the last n UTC days, today included, whatever the hour', () => {
    assert.deepEqual(lastDays(7, Date.UTC(2026, 10, 30, 23, 59, 59)), { from: '2026-11-24', to: '2026-11-30' });
    assert.deepEqual(lastDays(7, Date.UTC(2026, 10, 30, 0, 0, 0)), { from: '2026-11-24', to: '2026-11-30' });
    assert.deepEqual(lastDays(30, Date.UTC(2026, 2, 1, 12)), { from: '2026-01-31', to: '2026-03-01' });
    assert.deepEqual(lastDays(1, Date.UTC(2024, 1, 29)), { from: '2024-02-29', to: '2024-02-29' });
    // Bounded both ways.
    assert.equal(daysOf(lastDays(10_000, Date.UTC(2026, 0, 1))).length, MAX_USAGE_DAYS);
    assert.equal(daysOf(lastDays(0, Date.UTC(2026, 0, 1))).length, 1);
  });

  it('daysOf: every day once, across months and leap days; refuses a reversed, overlong or unreal range', () => {
    assert.deepEqual(daysOf({ from: '2024-02-27', to: '2024-03-01' }), ['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    assert.throws(() => daysOf({ from: '2026-01-02', to: '2026-01-01' }), RangeError);
    assert.throws(() => daysOf({ from: '2020-01-01', to: '2026-01-01' }), RangeError);
    assert.throws(() => daysOf({ from: '2026-02-30', to: '2026-03-01' }), RangeError);
    assert.throws(() => daysOf({ from: '2026-1-1', to: '2026-01-02' }), RangeError);
  });

  it('dateParts: real dates only', () => {
    assert.deepEqual(dateParts('2026-01-05'), { year: 2026, month: 1, day: 5 });
    assert.equal(dateParts('2026-02-29'), undefined);
    assert.equal(dateParts('2026-13-01'), undefined);
    assert.equal(dateParts('20260101'), undefined);
  });

  it('dailyUsage: one row per day, oldest first, missing days as zeros, units of one day summed', () => {
    const usage = dailyUsage(
      [unit('2026-11-26', 10, 2), unit('2026-11-24', 3, 0), unit('2026-11-26', 5, 1), unit('2026-11-30', 1, 1)],
      { from: '2026-11-24', to: '2026-11-30' },
    );
    assert.deepEqual(usage.days, [
      { date: '2026-11-24', requests: 3, errors: 0 },
      { date: '2026-11-25', requests: 0, errors: 0 },
      { date: '2026-11-26', requests: 15, errors: 3 },
      { date: '2026-11-27', requests: 0, errors: 0 },
      { date: '2026-11-28', requests: 0, errors: 0 },
      { date: '2026-11-29', requests: 0, errors: 0 },
      { date: '2026-11-30', requests: 1, errors: 1 },
    ]);
    assert.deepEqual(usage.totals, { requests: 19, errors: 4 });
    assert.deepEqual(usage.undated, { requests: 0, errors: 0 });
    assert.equal(usage.noTraffic, false);
  });

  it('dailyUsage: units outside the range are left out; undated units (Tyk’s day 0) are counted apart, never guessed', () => {
    const usage = dailyUsage(
      [unit('2026-11-23', 50, 5), unit('2026-12-01', 50, 5), { hits: 31, errors: 4 }, { year: 0, month: 0, day: 0, hits: 2, errors: 0 }, { year: 2026, month: 2, day: 30, hits: 1, errors: 0 }],
      { from: '2026-11-24', to: '2026-11-30' },
    );
    assert.deepEqual(usage.totals, { requests: 0, errors: 0 });
    assert.deepEqual(usage.undated, { requests: 34, errors: 4 });
    assert.equal(usage.noTraffic, false, 'undated traffic is traffic');
  });

  it('dailyUsage: no units (Tyk’s null data) is no traffic', () => {
    const usage = dailyUsage([], lastDays(30, Date.UTC(2026, 10, 30)));
    assert.equal(usage.days.length, 30);
    assert.ok(usage.days.every((d) => d.requests === 0 && d.errors === 0));
    assert.equal(usage.noTraffic, true);
  });

  it('property: every day of the range present once, in order; totals equal the sums of the rows and of the units in range', () => {
    const day0 = Date.UTC(2020, 0, 1);
    const DAY = 86_400_000;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.record({ offset: fc.integer({ min: -10, max: 70 }), hits: fc.nat(10_000), errors: fc.nat(10_000), dated: fc.boolean() }), { maxLength: 200 }),
        (start, length, raw) => {
          const range = { from: utcDate(day0 + start * DAY), to: utcDate(day0 + (start + length - 1) * DAY) };
          const units = raw.map((r) => (r.dated ? unit(utcDate(day0 + (start + r.offset) * DAY), r.hits, r.errors) : { hits: r.hits, errors: r.errors }));
          const usage = dailyUsage(units, range);
          assert.equal(usage.days.length, length);
          assert.equal(new Set(usage.days.map((d) => d.date)).size, length);
          assert.deepEqual(
            usage.days.map((d) => d.date),
            [...usage.days.map((d) => d.date)].sort(),
          );
          assert.equal(usage.days[0]?.date, range.from);
          assert.equal(usage.days[length - 1]?.date, range.to);
          const sum = (xs: Array<{ requests: number; errors: number }>, f: 'requests' | 'errors'): number => xs.reduce((s, x) => s + x[f], 0);
          assert.equal(usage.totals.requests, sum(usage.days, 'requests'));
          assert.equal(usage.totals.errors, sum(usage.days, 'errors'));
          const inRange = raw.filter((r) => r.dated && r.offset >= 0 && r.offset < length);
          assert.equal(usage.totals.requests, inRange.reduce((s, r) => s + r.hits, 0));
          assert.equal(usage.totals.errors, inRange.reduce((s, r) => s + r.errors, 0));
          assert.equal(usage.undated.requests, raw.filter((r) => !r.dated).reduce((s, r) => s + r.hits, 0));
          assert.equal(usage.noTraffic, usage.totals.requests + usage.totals.errors + usage.undated.requests + usage.undated.errors === 0);
        },
      ),
    );
  });

  it('usageKeyId: the hash when the server hashes keys, else the key', () => {
    assert.equal(usageKeyId({ keyId: 'org1abc', keyHash: 'h123' }), 'h123');
    assert.equal(usageKeyId({ keyId: 'org1abc' }), 'org1abc');
    assert.equal(usageKeyId({ keyId: 'org1abc', keyHash: '' }), 'org1abc');
  });

  it('says plainly why a Gateway shows no usage, and when a key had no traffic', () => {
    assert.equal(gatewayUsageMessage(), 'A Tyk Gateway has no analytics API; usage is shown for Dashboard connections.');
    assert.match(noTrafficMessage(7), /No requests with this key in the last 7 days/);
  });
});
