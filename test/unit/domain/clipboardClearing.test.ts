// src/domain/clipboardClearing.ts: the setting tyk.clipboard.clearAfterSeconds read by type, within its
// bounds; and the rule that a clear never removes what the user copied since.
import * as assert from 'node:assert/strict';
import { MAX_CLEAR_AFTER_SECONDS, clearAfterSeconds, shouldClear } from '../../../src/domain/clipboardClearing';

describe('domain/clipboardClearing', () => {
  it('the bound: at most 600 s (10 minutes)', () => {
    assert.equal(MAX_CLEAR_AFTER_SECONDS, 600);
  });

  it('a number of seconds within the bounds is taken as it is; 0 is never', () => {
    for (const seconds of [0, 1, 30, 599, 600]) {
      assert.equal(clearAfterSeconds(seconds), seconds);
    }
  });

  it('a number out of bounds is brought within them; a fraction is rounded up (clearing was asked for)', () => {
    assert.equal(clearAfterSeconds(601), 600);
    assert.equal(clearAfterSeconds(1e9), 600);
    assert.equal(clearAfterSeconds(-1), 0);
    assert.equal(clearAfterSeconds(-0.5), 0);
    assert.equal(clearAfterSeconds(0.2), 1);
    assert.equal(clearAfterSeconds(29.5), 30);
  });

  it('anything but a finite number means never: a string, a boolean, null, NaN, Infinity, nothing', () => {
    for (const value of ['30', '', true, false, null, undefined, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, [30], { seconds: 30 }]) {
      assert.equal(clearAfterSeconds(value), 0, JSON.stringify(value) ?? 'undefined');
    }
  });

  it('shouldClear: only when the clipboard still holds what was copied', () => {
    assert.equal(shouldClear('key-123', 'key-123'), true);
    assert.equal(shouldClear('key-123', 'something the user copied'), false);
    assert.equal(shouldClear('key-123', 'key-123 '), false, 'compared exactly');
    assert.equal(shouldClear('key-123', ''), false, 'an empty (or unreadable) clipboard is left alone');
    assert.equal(shouldClear('', ''), false, 'nothing was copied: nothing to clear');
  });
});
