// src/domain/rotation.ts: the alias of a rotated key's replacement, and where a key is in a text.
import * as assert from 'node:assert/strict';
import { MAX_ALIAS_LENGTH } from '../../../src/domain/keySpec';
import { MIN_FINDABLE_KEY, keyCandidates, occurrencesOf, rotatedAlias, rotationDate } from '../../../src/domain/rotation';

const NOV_30 = new Date(2026, 10, 30, 14, 5);

describe('domain/rotation', () => {
  it('dates in local time, padded; with the time when asked', () => {
    assert.equal(rotationDate(NOV_30), '2026-11-30');
    assert.equal(rotationDate(new Date(2027, 0, 2, 3, 4)), '2027-01-02');
    assert.equal(rotationDate(new Date(2027, 0, 2, 3, 4), true), '2027-01-02 03:04');
  });

  it('names the new key apart from the old one: the alias and the date of the rotation', () => {
    assert.equal(rotatedAlias('mobile-app', 'abcd…9f2e', NOV_30), 'mobile-app (rotated 2026-11-30)');
    assert.equal(rotatedAlias('  mobile-app ', 'abcd…9f2e', NOV_30), 'mobile-app (rotated 2026-11-30)', 'trimmed');
  });

  it('a key without an alias is named by its masked form', () => {
    assert.equal(rotatedAlias(undefined, 'abcd…9f2e', NOV_30), 'abcd…9f2e (rotated 2026-11-30)');
    assert.equal(rotatedAlias('   ', 'abcd…9f2e', NOV_30), 'abcd…9f2e (rotated 2026-11-30)');
  });

  it('a rotated key rotated again: the date replaced, never a second suffix', () => {
    assert.equal(rotatedAlias('mobile-app (rotated 2026-01-02)', '…', NOV_30), 'mobile-app (rotated 2026-11-30)');
    assert.equal(rotatedAlias('mobile-app (rotated 2026-01-02 09:15)', '…', NOV_30), 'mobile-app (rotated 2026-11-30)');
    assert.equal(rotatedAlias(' (rotated 2026-01-02)', 'abcd…9f2e', NOV_30), '(rotated 2026-01-02) (rotated 2026-11-30)', 'a suffix alone is the alias');
    assert.equal(rotatedAlias('x (rotated soon)', '…', NOV_30), 'x (rotated soon) (rotated 2026-11-30)', 'only a date is a rotation suffix');
  });

  it('rotated twice the same day: the time tells the keys apart', () => {
    const first = rotatedAlias('mobile-app', '…', NOV_30);
    const second = rotatedAlias(first, '…', NOV_30);
    assert.equal(second, 'mobile-app (rotated 2026-11-30 14:05)');
    assert.notEqual(second, first);
  });

  it('at most MAX_ALIAS_LENGTH characters: the old alias cut with “…”, the date kept', () => {
    const long = 'a'.repeat(MAX_ALIAS_LENGTH);
    const alias = rotatedAlias(long, '…', NOV_30);
    assert.equal(alias.length, MAX_ALIAS_LENGTH);
    assert.ok(alias.endsWith('… (rotated 2026-11-30)'), alias);
    const fits = 'b'.repeat(MAX_ALIAS_LENGTH - ' (rotated 2026-11-30)'.length);
    assert.equal(rotatedAlias(fits, '…', NOV_30), `${fits} (rotated 2026-11-30)`, 'an alias that fits is not cut');
    assert.equal(rotatedAlias(`${fits}c`, '…', NOV_30).length, MAX_ALIAS_LENGTH);
    // A surrogate pair is never split.
    const emoji = `${'d'.repeat(MAX_ALIAS_LENGTH - ' (rotated 2026-11-30)'.length - 2)}😀😀`;
    assert.doesNotMatch(rotatedAlias(emoji, '…', NOV_30), /[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('control characters in the old alias become spaces (Tyk keeps the alias as text; a key spec refuses them)', () => {
    assert.equal(rotatedAlias('a\nb\u0007c', '…', NOV_30), 'a b c (rotated 2026-11-30)');
  });

  it('finds a key as a whole word, never inside a longer one', () => {
    const key = '5e9d9544a1dcd60001d0ed20bf41b814';
    const text = `TYK_KEY=${key}\nAuthorization: ${key}\nx${key}\n${key}0\n"${key}"`;
    assert.deepEqual(occurrencesOf(text, key), [8, 8 + key.length + 1 + 15, text.length - key.length - 1]);
    assert.deepEqual(occurrencesOf('abcabcx xabcabc', 'abcabc'), []);
    assert.deepEqual(occurrencesOf('abcdef abcdef', 'abcdef'), [0, 7]);
    assert.deepEqual(occurrencesOf('aaaaaaa aaaaaa', 'aaaaaa'), [8], 'a match inside a longer word does not hide the next one');
    assert.deepEqual(occurrencesOf('key=abcde', 'abcde'), [], `shorter than ${MIN_FINDABLE_KEY}: not looked for`);
    assert.deepEqual(occurrencesOf('_abcdef abcdef_', 'abcdef'), [], 'an underscore continues a word');
  });

  it('offers every word that may be a key as the insert formats write it', () => {
    const b64 = 'eyJvcmciOiI1ZTlkOTU0NGExZGNkNjAwMDFkMGVkMjAiLCJpZCI6ImFiYyJ9==';
    const words = keyCandidates(`TYK_KEY=${b64}\nAuthorization: abcd1234efgh\ncurl -H "X-Api-Key: k-2_3+4/5~6" http://x/?key=qwerty12&y=1\nThe key is zxcvbnm9.`);
    for (const expected of [b64, 'abcd1234efgh', 'k-2_3+4/5~6', 'qwerty12', 'zxcvbnm9', `TYK_KEY=${b64}`, 'Authorization']) {
      assert.ok(words.has(expected), `${expected} in ${[...words].join(' | ')}`);
    }
    assert.ok(![...words].some((w) => w.length < MIN_FINDABLE_KEY), 'no word too short to be a key');
    assert.ok(!words.has('x'), 'nor a short one');
    assert.ok(!keyCandidates('k'.repeat(2000)).size, 'nor a run longer than any key');
  });
});
