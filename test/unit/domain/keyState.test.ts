// src/domain/keyState.ts: a key's state as Tyk decides it (gateway/mw_key_expired_check.go: is_inactive
// first, then `expires >= 1` and now after it).
import * as assert from 'node:assert/strict';
import { expiryTime, keyState, keyStateLabel, keyStatusOf } from '../../../src/domain/keyState';
import { MAX_NAME_LENGTH } from '../../../src/domain/limits';
import type { KeyDetails } from '../../../src/domain/model';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const NOW_S = NOW / 1000;

describe('domain/keyState', () => {
  it('a key neither suspended nor with an expiry is active', () => {
    assert.equal(keyState({ isInactive: false }, NOW), 'active');
    assert.equal(keyState({ isInactive: false, expires: undefined }, NOW), 'active');
  });

  it('0 and negative expiries never expire (Tyk ignores an expiry below 1)', () => {
    for (const expires of [0, -1, -NOW_S, 0.5, Number.NaN, Number.NEGATIVE_INFINITY]) {
      assert.equal(keyState({ isInactive: false, expires }, NOW), 'active', String(expires));
      assert.equal(expiryTime({ isInactive: false, expires }), undefined, String(expires));
    }
  });

  it('expired only once now is after the expiry: the second of the expiry itself is still active', () => {
    assert.equal(keyState({ isInactive: false, expires: NOW_S + 1 }, NOW), 'active', 'expires in a second');
    assert.equal(keyState({ isInactive: false, expires: NOW_S }, NOW), 'active', 'at the very millisecond');
    assert.equal(keyState({ isInactive: false, expires: NOW_S }, NOW + 1), 'expired', 'one millisecond after');
    assert.equal(keyState({ isInactive: false, expires: NOW_S - 1 }, NOW), 'expired');
    assert.equal(keyState({ isInactive: false, expires: 1 }, NOW), 'expired', '1 is a time (1970), not "never"');
  });

  it('suspended wins over expired, as Tyk checks is_inactive first', () => {
    assert.equal(keyState({ isInactive: true }, NOW), 'suspended');
    assert.equal(keyState({ isInactive: true, expires: NOW_S - 3600 }, NOW), 'suspended');
    assert.equal(keyState({ isInactive: true, expires: NOW_S + 3600 }, NOW), 'suspended');
  });

  it('expiryTime is the expiry in milliseconds', () => {
    assert.equal(expiryTime({ isInactive: false, expires: NOW_S }), NOW);
    assert.equal(expiryTime({ isInactive: true, expires: 1 }), 1000);
    assert.equal(expiryTime({ isInactive: false }), undefined);
  });

  it('says each state in one word', () => {
    assert.deepEqual(
      (['active', 'suspended', 'expired'] as const).map((s) => keyStateLabel(s)),
      ['active', 'suspended', 'expired'],
    );
  });

  it('keyStatusOf keeps the state fields and the alias (cut to the name bound), nothing else', () => {
    const details = { keyId: 'k', isInactive: true, expires: NOW_S, alias: 'mobile', accessRights: [], tags: ['t'], policies: [], kind: 'authToken', session: { x: 1 } } as KeyDetails;
    assert.deepEqual(keyStatusOf(details), { isInactive: true, expires: NOW_S, alias: 'mobile' });
    assert.deepEqual(keyStatusOf({ ...details, isInactive: false, expires: undefined, alias: undefined }), { isInactive: false });
    assert.deepEqual(keyStatusOf({ ...details, alias: '' }), { isInactive: true, expires: NOW_S }, 'an empty alias is no alias');
    assert.equal(keyStatusOf({ ...details, alias: 'a'.repeat(MAX_NAME_LENGTH + 50) }).alias, 'a'.repeat(MAX_NAME_LENGTH));
  });
});
