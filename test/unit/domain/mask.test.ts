// src/domain/mask.ts: how keys are shown (and read aloud) without giving them away.
import * as assert from 'node:assert/strict';
import { maskKey, maskKeysIn, maskedEnding } from '../../../src/domain/mask';

describe('domain/mask', () => {
  it('shows 4 + 4 characters of a long key, 2 of a short one, none of a tiny one', () => {
    assert.equal(maskKey('5e9d9544a1dcd60001d0ed20bf41b814'), '5e9d…b814');
    assert.equal(maskKey('abcdefghij'), '…ij');
    assert.equal(maskKey('abc'), '…');
  });

  it('the ending read aloud is exactly what the masked text shows, at every length', () => {
    for (let length = 0; length <= 40; length++) {
      const key = 'k'.repeat(Math.max(0, length - 4)) + 'wxyz'.slice(-Math.min(4, length));
      const ending = maskedEnding(key);
      assert.ok(maskKey(key).endsWith(`…${ending}`), `${length}: ${maskKey(key)} ends with …${ending}`);
      assert.ok(ending.length <= Math.floor(length / 3), `${length}: at most a third of the key is shown at the end`);
    }
  });

  it('masks every known key in a text', () => {
    const key = '5e9d9544a1dcd60001d0ed20bf41b814';
    assert.equal(maskKeysIn(`GET /api/keys/${key} and again ${key}`, [key]), 'GET /api/keys/5e9d…b814 and again 5e9d…b814');
  });
});
