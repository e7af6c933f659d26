// src/tyk/redactor.ts: credentials replaced by «redacted», keys masked, in whole texts and in excerpts.
import * as assert from 'node:assert/strict';
import { REDACTED, SecretRedactor, redactedExcerpt, redactorOf } from '../../../src/tyk/redactor';

const KEY = '5e9d9544a1dcd60001d0ed20bf41b814';

describe('tyk/redactor', () => {
  it('credentials of 4 characters or more are redacted; shorter values are ordinary words', () => {
    assert.equal(REDACTED, '«redacted»');
    const r = redactorOf('abcd', 'xyz', undefined, '');
    assert.equal(r.apply('abcd and xyz and abcdabcd'), '«redacted» and xyz and «redacted»«redacted»');
  });

  it('keys of 6 characters or more are masked; shorter ones are not; addKeys adds each', () => {
    const r = new SecretRedactor();
    r.addKey('abcdef');
    r.addKey('abcde');
    r.addKey(undefined);
    r.addKeys([KEY, 'k']);
    assert.equal(r.apply(`abcdef abcde ${KEY} k`), `…ef abcde 5e9d…b814 k`);
  });

  it('a value both credential and key is redacted, not masked; the longest secret goes first', () => {
    const r = new SecretRedactor();
    r.addKey('secret-key-1');
    r.addCredential('secret-key-1');
    r.addCredential('key-1');
    assert.equal(r.apply('secret-key-1 key-1'), '«redacted» «redacted»');
    const s = new SecretRedactor();
    s.addCredential('abcd');
    s.addCredential('abcdefgh');
    assert.equal(s.apply('abcdefgh'), '«redacted»');
  });

  it('a secret added after a first use is redacted too (the sorted list is rebuilt)', () => {
    const r = redactorOf('first-secret');
    assert.equal(r.apply('first-secret second-secret'), '«redacted» second-secret');
    r.addCredential('second-secret');
    assert.equal(r.apply('first-secret second-secret'), '«redacted» «redacted»');
    r.addKey(KEY);
    assert.equal(r.apply(KEY), '5e9d…b814');
    r.addKey(KEY);
    r.addCredential('second-secret');
    assert.equal(r.apply(`second-secret ${KEY}`), '«redacted» 5e9d…b814');
  });

  it('extra credentials count for one call only, if 4 characters or more', () => {
    const r = redactorOf('kept');
    assert.equal(r.apply('kept once abc', ['once', 'abc']), '«redacted» «redacted» abc');
    assert.equal(r.apply('kept once'), '«redacted» once');
    assert.equal(r.excerpt('kept once', 100, ['once']), '«redacted» «redacted»');
    assert.equal(r.apply('kept', ['kept']), '«redacted»');
  });

  it('excerpt: at most max characters, cut first, then redacted; a secret cut by the window never shows in part', () => {
    const r = redactorOf('supersecret');
    assert.equal(r.excerpt('hello supersecret world', 100), 'hello «redacted» world');
    assert.equal(r.excerpt('hello supersecret world', 8), 'hello «r…', 'the secret starts within: replaced whole, then cut');
    assert.equal(r.excerpt('hello world supersecret', 11), 'hello world…');
    assert.equal(r.excerpt('abc', 3), 'abc');
    assert.equal(r.excerpt('abcd', 3), 'abc…');
    assert.equal(r.excerpt('line\none', 20), 'line one');
  });

  it('redactedExcerpt: every occurrence that starts within max, overlapping ones once, in order', () => {
    const secrets = [
      { value: 'aaaa', replacement: '[A]' },
      { value: 'bb', replacement: '[B]' },
    ];
    assert.equal(redactedExcerpt('aaaa bb aaaa bb', 100, secrets), '[A] [B] [A] [B]');
    assert.equal(redactedExcerpt('aaaaaa', 100, secrets), '[A]aa');
    assert.equal(redactedExcerpt('bb aaaa', 3, secrets), '[B]…');
    assert.equal(redactedExcerpt('x aaaa', 3, secrets), 'x […', 'a secret starting within max is replaced whole before the cut');
    assert.equal(redactedExcerpt('xx', 5, []), 'xx');
    assert.equal(redactedExcerpt('xxxxxx', 5, []), 'xxxxx…');
    assert.equal(redactedExcerpt('xxxxx', 5, []), 'xxxxx');
  });
});
