// src/domain/secretFields.ts: which field names hold secrets, and the copy of a session with them hidden.
import * as assert from 'node:assert/strict';
import { hideSecretFields, isSecretFieldName } from '../../../src/domain/secretFields';

const HIDDEN = '(hidden)';

describe('domain/secretFields', () => {
  it('secret names, anywhere in the name, whatever the case or separators', () => {
    for (const name of [
      'password', 'Password', 'passwd', 'passphrase', 'pass', 'user_pass', 'PASS_1', 'client_secret', 'clientSecret', 'token', 'API_TOKEN',
      'private', 'privateKey', 'x-private-key', 'hmac_string', 'HMAC', 'credential', 'credentials', 'apikey', 'api_key', 'Api-Key',
      'signature', 'oauth_keys', 'oauthkeys', 'oauth-keys', 'key_id', 'KeyId', 'key-id', 'certificate', 'Certificate', 'cert_key', 'certkey',
      'cert-key', 'pwd', 'PIN', 'otp', 'salt', 'nonce',
    ]) {
      assert.equal(isSecretFieldName(name), true, name);
    }
  });

  it('names that only look alike are not secret: whole-name patterns match the whole name', () => {
    for (const name of [
      'alias', 'passage', 'passenger', 'key', 'key_hash', 'my_key_id', 'key_ids', 'certificates', 'certificate_id',
      'my_certificate', 'cert', 'pwds', 'spin', 'pinned', 'otps', 'salty', 'nonces', 'oauth_client_id', 'apis', 'api', 'hash_type',
      'quota_max', 'org_id', 'tags',
    ]) {
      assert.equal(isSecretFieldName(name), false, name);
    }
  });

  it('hides the values of secret fields at any depth, in objects and arrays; keeps the rest', () => {
    const hidden = hideSecretFields(
      {
        alias: 'a',
        rate: 5,
        meta_data: { client_secret: 's', note: 'n', list: [{ token: 't', id: 1 }, 'plain', 3] },
        basic_auth_data: { password: 'p', hash_type: 'bcrypt' },
        enable_hmac: true,
        hmac_string: false,
        empty_secret: '',
        null_secret: null,
        zero_pin: 0,
        pin: 0,
        nested_secret: { a: 1 },
      },
      HIDDEN,
    );
    assert.deepEqual(hidden, {
      alias: 'a',
      rate: 5,
      meta_data: { client_secret: HIDDEN, note: 'n', list: [{ token: HIDDEN, id: 1 }, 'plain', 3] },
      basic_auth_data: { password: HIDDEN, hash_type: 'bcrypt' },
      enable_hmac: true,
      hmac_string: false,
      empty_secret: '',
      null_secret: null,
      zero_pin: 0,
      pin: HIDDEN,
      nested_secret: HIDDEN,
    });
    const withUndefined = hideSecretFields({ token: undefined }, HIDDEN) as Record<string, unknown>;
    assert.equal('token' in withUndefined, true);
    assert.equal(withUndefined.token, undefined);
  });

  it('scalars and null come back as they are; the input is not changed', () => {
    assert.equal(hideSecretFields('password', HIDDEN), 'password');
    assert.equal(hideSecretFields(null, HIDDEN), null);
    assert.equal(hideSecretFields(4, HIDDEN), 4);
    const input = { password: 'p' };
    hideSecretFields(input, HIDDEN);
    assert.deepEqual(input, { password: 'p' });
  });

  it('"__proto__" stays a field (and its secrets are hidden); a field is writable and enumerable', () => {
    const input = JSON.parse('{"__proto__": {"secret": "s", "x": 1}}') as unknown;
    const out = hideSecretFields(input, HIDDEN) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(out, '__proto__'), { value: { secret: HIDDEN, x: 1 }, enumerable: true, writable: true, configurable: true });
  });

  it('beyond maxDepth (32 by default) an object is hidden whole; a scalar stays', () => {
    let deep: unknown = { leaf: 'v' };
    for (let i = 0; i < 40; i++) {
      deep = { d: deep };
    }
    const text = JSON.stringify(hideSecretFields(deep, HIDDEN));
    assert.equal(text.split('"d"').length - 1, 32);
    assert.match(text, /"d":"\(hidden\)"/);
    assert.deepEqual(hideSecretFields({ a: { b: 1 } }, HIDDEN, 1), { a: HIDDEN });
    assert.deepEqual(hideSecretFields({ a: { b: 1 } }, HIDDEN, 2), { a: { b: 1 } });
    assert.deepEqual(hideSecretFields([[1]], HIDDEN, 1), [HIDDEN]);
    assert.equal(hideSecretFields('s', HIDDEN, 0), 's');
    assert.equal(hideSecretFields(null, HIDDEN, 0), null);
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic.self = cyclic;
    assert.doesNotThrow(() => hideSecretFields(cyclic, HIDDEN));
  });
});
