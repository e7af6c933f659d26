import * as assert from 'node:assert/strict';
import {
  DEFAULT_LIMITS,
  buildSessionState,
  checkKeySpec,
  checkSession,
  hasControlCharacters,
  isBasicAuthSession,
  reusableSession,
  rotationSession,
} from '../../../src/domain/keySpec';
import type { KeySpec } from '../../../src/domain/model';

const NOW = 1_800_000_000;
const base: KeySpec = { access: [{ apiId: 'a1', apiName: 'Petstore', versions: ['Default'] }], ...DEFAULT_LIMITS };

describe('domain/keySpec', () => {
  it('builds the tutorial’s SessionState: allowance = rate, no quota_remaining/quota_renews', () => {
    const body = buildSessionState({ ...base, alias: ' my key ', tags: ['vscode'], orgId: 'org1' });
    assert.deepEqual(body, {
      allowance: 1000,
      rate: 1000,
      per: 1,
      expires: -1,
      quota_max: -1,
      quota_renewal_rate: -1,
      access_rights: { a1: { api_id: 'a1', api_name: 'Petstore', versions: ['Default'], allowed_urls: [] } },
      meta_data: {},
      alias: 'my key',
      tags: ['vscode'],
      org_id: 'org1',
    });
    assert.ok(!('quota_remaining' in body) && !('quota_renews' in body));
  });

  it('grants several APIs and versions, OAS APIs with ["Default"], and policies', () => {
    const body = buildSessionState({
      ...base,
      access: [
        { apiId: 'a1', apiName: 'Payments', versions: ['v1', 'v2'] },
        { apiId: 'oas1', apiName: 'Orders', versions: [] },
      ],
      policies: ['pol1'],
      quotaMax: 500,
      quotaRenewalRate: 3600,
      rate: 10,
      per: 60,
    });
    const rights = body.access_rights as Record<string, { versions: string[] }>;
    assert.deepEqual(rights.a1?.versions, ['v1', 'v2']);
    assert.deepEqual(rights.oas1?.versions, ['Default']);
    assert.deepEqual(body.apply_policies, ['pol1']);
    assert.equal(body.allowance, 10);
    assert.equal(body.quota_max, 500);
    assert.equal(body.quota_renewal_rate, 3600);
  });

  it('accepts the defaults and refuses bad input with a sentence', () => {
    assert.equal(checkKeySpec(base, NOW), undefined);
    assert.equal(checkKeySpec({ ...base, access: [], policies: ['p'] }, NOW), undefined);
    const bad: Array<[Partial<KeySpec>, RegExp]> = [
      [{ access: [] }, /at least one API/],
      [{ rate: -1 }, /rate/],
      [{ rate: Number.NaN }, /rate/],
      [{ per: 0 }, /period/],
      [{ quotaMax: 0 }, /quota/],
      [{ quotaMax: 1.5 }, /quota/],
      [{ quotaMax: 100, quotaRenewalRate: 0 }, /quota period/],
      [{ expires: NOW - 10 }, /future/],
      [{ alias: 'x'.repeat(201) }, /alias/],
      [{ alias: 'bad\nalias' }, /alias/],
    ];
    for (const [change, message] of bad) {
      assert.match(checkKeySpec({ ...base, ...change }, NOW) ?? '', message, JSON.stringify(change));
    }
  });

  it('makes a read-back session reusable by dropping server-managed fields', () => {
    const copy = reusableSession({ rate: 5, quota_remaining: 3, quota_renews: 9, date_created: 'x', last_updated: 'y', key_id: 'k', alias: 'a' });
    assert.deepEqual(copy, { rate: 5, alias: 'a' });
  });
});

describe('domain/keySpec: every rule at its boundary', () => {
  const MAX = Number.MAX_SAFE_INTEGER;
  const ok = (change: Partial<KeySpec>): void => assert.equal(checkKeySpec({ ...base, ...change }, NOW), undefined, JSON.stringify(change));
  const says = (change: Partial<KeySpec>, message: string): void => assert.equal(checkKeySpec({ ...base, ...change }, NOW), message, JSON.stringify(change));

  it('rights: at least one API or policy, each API with an id', () => {
    says({ access: [], policies: [] }, 'Choose at least one API (or a policy): Tyk refuses a key without access rights.');
    says({ access: [{ apiId: '', apiName: 'x', versions: [] }] }, 'An API without an id cannot be granted.');
  });

  it('rate 0 to MAX_SAFE_INTEGER; per above 0', () => {
    ok({ rate: 0 });
    ok({ rate: MAX });
    ok({ rate: 0.5 });
    const rate = 'The rate must be a number of requests, 0 or more (0 = no rate limit).';
    says({ rate: -0.1 }, rate);
    says({ rate: MAX + 2 }, rate);
    says({ rate: Infinity }, rate);
    ok({ per: 0.5 });
    ok({ per: MAX });
    const per = 'The rate period must be a number of seconds greater than 0.';
    says({ per: 0 }, per);
    says({ per: -1 }, per);
    says({ per: MAX + 2 }, per);
    says({ per: Number.NaN }, per);
  });

  it('quota: -1 or a whole number from 1; its period a whole number from 1 unless unlimited', () => {
    ok({ quotaMax: 1, quotaRenewalRate: 1 });
    ok({ quotaMax: MAX, quotaRenewalRate: MAX });
    ok({ quotaMax: -1, quotaRenewalRate: 0 });
    const quota = 'The quota must be a whole number of requests, at least 1 (or -1 for unlimited).';
    says({ quotaMax: -2 }, quota);
    says({ quotaMax: 0 }, quota);
    says({ quotaMax: MAX + 2, quotaRenewalRate: 1 }, quota);
    const period = 'The quota period must be a whole number of seconds, at least 1.';
    says({ quotaMax: 5, quotaRenewalRate: 0 }, period);
    says({ quotaMax: 5, quotaRenewalRate: 1.5 }, period);
    says({ quotaMax: 5, quotaRenewalRate: MAX + 2 }, period);
  });

  it('expiry: never (-1), or a whole second after now, up to MAX_SAFE_INTEGER; now by default is the clock', () => {
    ok({ expires: NOW + 1 });
    ok({ expires: MAX });
    const expiry = 'The expiry must be in the future (or never).';
    says({ expires: NOW }, expiry);
    says({ expires: NOW + 0.5 }, expiry);
    says({ expires: -2 }, expiry);
    says({ expires: MAX + 2 }, expiry);
    assert.equal(checkKeySpec({ ...base, expires: Math.floor(Date.now() / 1000) + 3600 }), undefined);
    assert.equal(checkKeySpec({ ...base, expires: Math.floor(Date.now() / 1000) - 3600 }), expiry);
  });

  it('alias: up to 200 printable characters', () => {
    ok({ alias: 'a'.repeat(200) });
    says({ alias: 'a'.repeat(201) }, 'The alias must be at most 200 printable characters.');
    says({ alias: 'a\u0085' }, 'The alias must be at most 200 printable characters.');
  });

  it('basic-auth user, custom id and certificate: their own rules', () => {
    ok({ basicAuth: { username: 'ann', password: 'pw' } });
    ok({ basicAuth: { username: 'u'.repeat(200), password: 'p' } });
    const username = 'The username must be 1 to 200 characters without spaces, slashes, ?, # or %.';
    for (const name of ['', 'u'.repeat(201), 'a b', 'a/b', 'a\\b', 'a?b', 'a#b', 'a%b', 'a\u0001b']) {
      says({ basicAuth: { username: name, password: 'pw' } }, username);
    }
    const password = 'The password must not be empty (nor hold control characters).';
    says({ basicAuth: { username: 'ann', password: '' } }, password);
    says({ basicAuth: { username: 'ann', password: 'p\nw' } }, password);
    const alone = 'A basic-auth user is named by its username: it takes no custom key id, HMAC secret or certificate.';
    says({ basicAuth: { username: 'ann', password: 'pw' }, customKeyId: 'x' }, alone);
    says({ basicAuth: { username: 'ann', password: 'pw' }, hmac: true }, alone);
    says({ basicAuth: { username: 'ann', password: 'pw' }, certificate: 'c' }, alone);
    ok({ basicAuth: { username: 'ann', password: 'pw' }, hmac: false });
    ok({ customKeyId: 'my-key.1' });
    says({ customKeyId: '' }, 'The key id must be 1 to 200 characters without spaces, slashes, ?, # or %.');
    says({ customKeyId: 'a b' }, 'The key id must be 1 to 200 characters without spaces, slashes, ?, # or %.');
    ok({ certificate: 'cert-1' });
    says({ certificate: '  ' }, 'Choose the certificate the key is bound to.');
  });

  it('buildSessionState: meta data copied, policies/tags only when some, hmac, certificate and basic auth', () => {
    const meta = { team: 'a' };
    const body = buildSessionState({ ...base, metaData: meta, tags: [], policies: [], alias: '  ', hmac: true, certificate: 'c1', basicAuth: { username: 'u', password: 'p' } });
    assert.deepEqual(body.meta_data, { team: 'a' });
    assert.notEqual(body.meta_data, meta);
    for (const absent of ['tags', 'apply_policies', 'alias', 'org_id']) {
      assert.equal(absent in body, false, absent);
    }
    assert.equal(body.hmac_enabled, true);
    assert.equal('hmac_string' in body, false, 'Tyk generates the secret');
    assert.equal(body.certificate, 'c1');
    assert.deepEqual(body.basic_auth_data, { password: 'p' });
    const plain = buildSessionState({ ...base, hmac: false });
    for (const absent of ['hmac_enabled', 'certificate', 'basic_auth_data']) {
      assert.equal(absent in plain, false, absent);
    }
    assert.equal(buildSessionState({ ...base, quotaMax: 10, quotaRenewalRate: 60 }).quota_renewal_rate, 60);
    assert.equal(buildSessionState({ ...base, quotaMax: -1, quotaRenewalRate: 60 }).quota_renewal_rate, -1);
    const proto = buildSessionState({ ...base, access: [{ apiId: '__proto__', apiName: 'P', versions: [] }] });
    assert.deepEqual(Object.keys(proto.access_rights as object), ['__proto__']);
  });

  it('isBasicAuthSession, checkSession', () => {
    assert.equal(isBasicAuthSession({ basic_auth_data: { hash_type: 'bcrypt', password: '' } }), true);
    assert.equal(isBasicAuthSession({ basic_auth_data: { password: 'p' } }), true);
    assert.equal(isBasicAuthSession({ basic_auth_data: { hash_type: '', password: '' } }), false);
    assert.equal(isBasicAuthSession({ basic_auth_data: { hash_type: 1 } }), false);
    assert.equal(isBasicAuthSession({ basic_auth_data: null }), false);
    assert.equal(isBasicAuthSession({ basic_auth_data: 'x' }), false);
    assert.equal(isBasicAuthSession({}), false);
    assert.equal(
      checkSession({ basic_auth_data: { hash_type: 'bcrypt' }, access_rights: { a: {} } }),
      'A basic-auth user is not copied (Tyk never gives its password back): set a new password for the same user instead.',
    );
    const none = 'The key grants no API and no policy: Tyk would refuse a copy of it.';
    assert.equal(checkSession({}), none);
    assert.equal(checkSession({ access_rights: {}, apply_policies: [] }), none);
    assert.equal(checkSession({ access_rights: null, apply_policies: 'p' }), none);
    assert.equal(checkSession({ access_rights: { a: {} } }), undefined);
    assert.equal(checkSession({ apply_policies: ['p'] }), undefined);
  });

  it('rotationSession: managed fields, the HMAC secret, the binding and basic auth dropped; a new binding set', () => {
    const session = { rate: 1, key_id: 'k', last_check: 1, hmac_string: 's', certificate: 'old', basic_auth_data: {}, apply_policy_id: 'p' };
    assert.deepEqual(rotationSession(session), { rate: 1, apply_policy_id: 'p' });
    assert.deepEqual(rotationSession(session, 'new'), { rate: 1, apply_policy_id: 'p', certificate: 'new' });
    assert.deepEqual(rotationSession(session, ''), { rate: 1, apply_policy_id: 'p' });
    assert.deepEqual(session.certificate, 'old', 'the session read back is not changed');
    assert.equal(hasControlCharacters('a\u009fb'), true);
    assert.equal(hasControlCharacters('a\u00a0b é'), false);
  });
});
