// src/domain/expiry.ts: which keys expire within the warning's days (local calendar days) or have
// expired, when that changes, and how it is said.
import * as assert from 'node:assert/strict';
import { byExpiry, expiryCountLabel, expiryCountSpoken, expiryPhrase, expirySummary, expiryWarning, nextExpiryChange, warningDaysOf } from '../../../src/domain/expiry';

/** A local time (the user's calendar). */
const at = (day: number, hours = 12, minutes = 0, seconds = 0): number => new Date(2026, 0, day, hours, minutes, seconds).getTime();
const NOW = at(15);
const key = (ms: number): { isInactive: boolean; expires: number } => ({ isInactive: false, expires: ms / 1000 });
const DAY = 86_400_000;

describe('domain/expiry', () => {
  it('a key that never expires (expires 0 or less, or none) has no warning and never changes', () => {
    for (const expires of [0, -1, -NOW / 1000, undefined]) {
      const session = { isInactive: false, ...(expires === undefined ? {} : { expires }) };
      assert.equal(expiryWarning(session, NOW, 7), undefined, String(expires));
      assert.equal(nextExpiryChange(session, NOW, 7), undefined, String(expires));
    }
  });

  it('expiring: today, tomorrow, in N days — exactly N calendar days is in, N + 1 is out', () => {
    assert.deepEqual(expiryWarning(key(at(15, 23, 59)), NOW, 7), { kind: 'expiring', expiry: at(15, 23, 59), days: 0 });
    assert.deepEqual(expiryWarning(key(at(16, 0, 1)), NOW, 7), { kind: 'expiring', expiry: at(16, 0, 1), days: 1 }, 'tomorrow, though 12 hours away');
    assert.deepEqual(expiryWarning(key(NOW + 7 * DAY), NOW, 7), { kind: 'expiring', expiry: NOW + 7 * DAY, days: 7 }, 'exactly 7 days');
    assert.equal(expiryWarning(key(at(22, 23, 59, 59)), NOW, 7)?.days, 7, 'the last second of the 7th day');
    assert.equal(expiryWarning(key(at(23, 0, 0)), NOW, 7), undefined, 'the 8th day');
    assert.equal(expiryWarning(key(NOW + 8 * DAY), NOW, 7), undefined);
    assert.equal(expiryWarning(key(NOW + DAY), NOW, 1)?.days, 1, 'one day');
    assert.equal(expiryWarning(key(NOW), NOW, 7)?.kind, 'expiring', 'at the very millisecond: not expired yet (Tyk: now after it)');
  });

  it('0 days turns the warning off; an expired key is still told expired', () => {
    assert.equal(expiryWarning(key(NOW + 60_000), NOW, 0), undefined);
    assert.deepEqual(expiryWarning(key(NOW - 1), NOW, 0), { kind: 'expired', expiry: NOW - 1, days: 0 });
  });

  it('expired: once now is after the expiry (as Tyk), with the calendar days since', () => {
    assert.deepEqual(expiryWarning(key(NOW), NOW + 1, 7), { kind: 'expired', expiry: NOW, days: 0 });
    assert.equal(expiryWarning(key(at(14, 23, 59)), NOW, 7)?.days, 1);
    assert.equal(expiryWarning(key(at(12, 9)), NOW, 7)?.days, 3);
    assert.equal(expiryWarning(key(at(1)), NOW, 7)?.kind, 'expired', 'long expired is expired, whatever the days');
    assert.equal(expiryWarning({ isInactive: false, expires: 1 }, NOW, 7)?.kind, 'expired', '1 is a time (1970)');
  });

  it('a suspended key is warned of by its expiry alike (the tree shows it suspended)', () => {
    assert.equal(expiryWarning({ isInactive: true, expires: (NOW + DAY) / 1000 }, NOW, 7)?.kind, 'expiring');
  });

  it('how it is said', () => {
    const phrase = (kind: 'expiring' | 'expired', days: number): string => expiryPhrase({ kind, expiry: NOW, days });
    assert.deepEqual(
      [phrase('expiring', 0), phrase('expiring', 1), phrase('expiring', 3), phrase('expiring', 1000)],
      ['expires today', 'expires tomorrow', 'expires in 3 days', 'expires in 1,000 days'],
    );
    assert.deepEqual([phrase('expired', 0), phrase('expired', 1), phrase('expired', 3)], ['expired today', 'expired yesterday', 'expired 3 days ago']);
  });

  it('the next change: the window opening (local midnight N days before), each midnight in it, the expiry', () => {
    const expiry = at(25, 15);
    assert.equal(nextExpiryChange(key(expiry), NOW, 7), at(18, 0), 'the window opens at midnight of the 18th');
    assert.equal(nextExpiryChange(key(expiry), at(18, 0), 7), at(19, 0), 'in it: the next midnight ("in 7 days" → "in 6 days")');
    assert.equal(nextExpiryChange(key(expiry), at(25, 9), 7), expiry + 1, 'on its day: the millisecond after the expiry');
    assert.equal(nextExpiryChange(key(expiry), at(25, 23), 7), undefined, 'expired: nothing changes any more');
    assert.equal(nextExpiryChange(key(expiry), NOW, 0), expiry + 1, 'warning off: only the expiry');
    // Each change is when the warning really changes.
    for (const t of [NOW, at(18, 0), at(24, 0), at(25, 0)]) {
      const next = nextExpiryChange(key(expiry), t, 7);
      assert.ok(next !== undefined && next > t);
      assert.deepEqual(expiryWarning(key(expiry), next - 1, 7), expiryWarning(key(expiry), t, 7), `unchanged until ${new Date(next).toString()}`);
      assert.notDeepEqual(expiryWarning(key(expiry), next, 7), expiryWarning(key(expiry), t, 7), `changed at ${new Date(next).toString()}`);
    }
  });

  it('days are calendar days across a daylight-saving change', () => {
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'Europe/Berlin';
      // 29 March 2026: clocks go forward an hour at 02:00; the day is 23 hours long.
      const now = new Date(2026, 2, 28, 12).getTime();
      const expiry = new Date(2026, 2, 30, 0, 30).getTime();
      assert.equal(expiryWarning(key(expiry), now, 7)?.days, 2);
      assert.equal(nextExpiryChange(key(expiry), now, 7), new Date(2026, 2, 29, 0, 0).getTime());
      assert.equal(nextExpiryChange(key(expiry), new Date(2026, 2, 29, 8).getTime(), 7), new Date(2026, 2, 30, 0, 0).getTime());
    } finally {
      if (zone === undefined) {
        delete process.env.TZ;
      } else {
        process.env.TZ = zone;
      }
    }
  });

  it('warningDaysOf: whole days from 0 to 365, the default 7 for anything not a number', () => {
    assert.deepEqual(
      [3, 0, -2, 2.9, 1000, 365, Number.NaN, Number.POSITIVE_INFINITY, '5', undefined, null].map(warningDaysOf),
      [3, 0, 0, 2, 365, 365, 7, 7, 7, 7, 7],
    );
  });

  it('byExpiry: the soonest (or longest expired) first', () => {
    const items = [NOW + DAY, NOW - 3 * DAY, NOW].map((expiry, i) => ({ i, warning: { kind: 'expiring' as const, expiry, days: 0 } }));
    assert.deepEqual(
      byExpiry(items).map((x) => x.i),
      [1, 2, 0],
    );
  });

  it('the status bar: the count, "≥ N" when not every key was read; its tooltip and what a screen reader says', () => {
    assert.deepEqual([expiryCountLabel(3, true), expiryCountLabel(3, false), expiryCountLabel(1200, true)], ['3', '≥ 3', '1,200']);
    assert.equal(expirySummary('staging', 3, true, 7), 'staging: 3 keys expire within 7 days or have expired.');
    assert.equal(expirySummary('staging', 1, true, 1), 'staging: 1 key expires within 1 day or has expired.');
    assert.equal(expirySummary('staging', 500, false, 30), 'staging: at least 500 keys expire within 30 days or have expired (not every key was read).');
    assert.deepEqual(
      [expiryCountSpoken(1, true), expiryCountSpoken(3, true), expiryCountSpoken(3, false)],
      ['1 Tyk key expiring or expired', '3 Tyk keys expiring or expired', 'at least 3 Tyk keys expiring or expired'],
    );
  });
});
