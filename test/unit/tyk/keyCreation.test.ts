// src/tyk/keyCreation.ts: what both clients do before and after sending a create (checks, routes, the
// HMAC secret read back, basic-auth rotation), with a stand-in for the transport.
import * as assert from 'node:assert/strict';
import { TykError } from '../../../src/tyk/errors';
import type { HttpTransport, RequestOptions } from '../../../src/tyk/http';
import { KeyCreation, createPath, generatePassword, toCreatedKey, type KeyRoute } from '../../../src/tyk/keyCreation';
import type { UpdateKeyOptions } from '../../../src/tyk/client';
import { tykErrorOf } from '../../support/tykError';
import type { ApiPage, CreatedKey, KeyDetails, KeyRef, KeySpec } from '../../../src/domain/model';

const SPEC: KeySpec = { access: [{ apiId: 'a1', apiName: 'Petstore', versions: [] }], rate: 10, per: 1, quotaMax: -1, quotaRenewalRate: -1, expires: -1 };
const details = (over: Partial<KeyDetails>): KeyDetails => ({ keyId: 'k', accessRights: [], isInactive: false, tags: [], policies: [], kind: 'authToken', session: {}, ...over });

class StandIn extends KeyCreation {
  readonly posts: Array<{ body: Record<string, unknown>; route: KeyRoute; options: RequestOptions | undefined }> = [];
  readonly reads: KeyRef[] = [];
  readonly updates: Array<{ ref: KeyRef; session: Record<string, unknown>; options: UpdateKeyOptions | undefined }> = [];
  disposed = 0;
  answer: CreatedKey = { key: 'new-key-123456' };
  readBack: KeyDetails | Error = details({});
  protected readonly http = { baseUrl: 'https://dash', dispose: () => this.disposed++ } as unknown as HttpTransport;
  listApisPage(page: number): Promise<ApiPage> {
    return Promise.resolve({ apis: [], page, pages: 1 } as unknown as ApiPage);
  }
  getKey(ref: KeyRef): Promise<KeyDetails> {
    this.reads.push(ref);
    return this.readBack instanceof Error ? Promise.reject(this.readBack) : Promise.resolve(this.readBack);
  }
  updateKey(ref: KeyRef, session: Record<string, unknown>, options?: UpdateKeyOptions): Promise<void> {
    this.updates.push({ ref, session, options });
    return Promise.resolve();
  }
  protected postKey(body: Record<string, unknown>, options: RequestOptions | undefined, route: KeyRoute): Promise<CreatedKey> {
    this.posts.push({ body, route, options });
    return Promise.resolve(this.answer);
  }
}


describe('tyk/keyCreation', () => {
  it('generatePassword: 32 URL-safe characters, new each time', () => {
    const a = generatePassword();
    assert.match(a, /^[A-Za-z0-9_-]{32}$/);
    assert.notEqual(generatePassword(), a);
  });

  it('createPath: the prefix for a generated key; the encoded id (logged masked) or username after it', () => {
    assert.deepEqual(createPath({ kind: 'generated' }, '/api/keys', '/api/keys', '/api/apis/keys/basic'), { path: '/api/keys', logPath: '/api/keys' });
    assert.deepEqual(createPath({ kind: 'custom', id: 'my key/5e9d9544a1dcd6' }, '/g', '/api/keys', '/b'), {
      path: '/api/keys/my%20key%2F5e9d9544a1dcd6',
      logPath: '/api/keys/my k…dcd6',
    });
    assert.deepEqual(createPath({ kind: 'basic', username: 'ann b' }, '/g', '/c', '/api/apis/keys/basic'), { path: '/api/apis/keys/basic/ann%20b', logPath: '/api/apis/keys/basic/ann%20b' });
  });

  it('toCreatedKey: the key, its hash and HMAC secret when sent; the username of a basic-auth user', () => {
    const missing = (): TykError => new TykError('bad-response', 'no key');
    assert.deepEqual(toCreatedKey({ key: 'k1', keyHash: undefined }, { kind: 'generated' }, missing), { key: 'k1' });
    assert.deepEqual(toCreatedKey({ key: 'k1', keyHash: 'h1', hmacSecret: 's1' }, { kind: 'generated' }, missing), { key: 'k1', keyHash: 'h1', hmacSecret: 's1' });
    assert.deepEqual(toCreatedKey({ key: 'k1', keyHash: null, hmacSecret: null }, { kind: 'custom', id: 'k1' }, missing), { key: 'k1' });
    assert.deepEqual(toCreatedKey({ key: '', keyHash: 'h1' }, { kind: 'basic', username: 'ann' }, missing), { key: '', keyHash: 'h1', username: 'ann' });
    assert.deepEqual(toCreatedKey({ key: 'ann', keyHash: undefined }, { kind: 'basic', username: 'ann' }, missing), { key: 'ann', username: 'ann' });
    assert.throws(() => toCreatedKey({ key: '', keyHash: 'h1' }, { kind: 'generated' }, missing), /no key/);
    assert.throws(() => toCreatedKey({ key: undefined, keyHash: undefined }, { kind: 'basic', username: 'ann' }, missing), /no key/);
    assert.throws(() => toCreatedKey({ key: '', keyHash: '' }, { kind: 'basic', username: 'ann' }, missing), /no key/);
  });

  it('baseUrl, dispose and checkCredential (the first page of APIs)', async () => {
    const client = new StandIn();
    assert.equal(client.baseUrl, 'https://dash');
    client.dispose();
    assert.equal(client.disposed, 1);
    assert.deepEqual(await client.checkCredential(), { apis: [], page: 1, pages: 1 });
  });

  it('createKey: an invalid spec is bad-request without a request', async () => {
    const client = new StandIn();
    const e = await tykErrorOf(() => client.createKey({ ...SPEC, access: [] }));
    assert.equal(e.kind, 'bad-request');
    assert.equal(e.message, 'Choose at least one API (or a policy): Tyk refuses a key without access rights.');
    assert.equal(client.posts.length, 0);
  });

  it('createKey: the route from the spec; the body is the SessionState; the options passed on', async () => {
    const client = new StandIn();
    const options = { signal: new AbortController().signal };
    assert.deepEqual(await client.createKey(SPEC, options), { key: 'new-key-123456' });
    await client.createKey({ ...SPEC, customKeyId: 'my-id' });
    await client.createKey({ ...SPEC, basicAuth: { username: 'ann', password: 'pw' } });
    assert.deepEqual(
      client.posts.map((p) => p.route),
      [{ kind: 'generated' }, { kind: 'custom', id: 'my-id' }, { kind: 'basic', username: 'ann' }],
    );
    assert.equal(client.posts[0]?.options, options);
    assert.equal(client.posts[0]?.body.rate, 10);
    assert.deepEqual(client.posts[2]?.body.basic_auth_data, { password: 'pw' });
    assert.equal(client.reads.length, 0, 'no read back without HMAC');
  });

  it('createKey with HMAC: the secret read back by key (or by hash) when the answer lacks it', async () => {
    const client = new StandIn();
    client.readBack = details({ hmacSecret: 'generated-secret' });
    assert.deepEqual(await client.createKey({ ...SPEC, hmac: true }), { key: 'new-key-123456', hmacSecret: 'generated-secret' });
    assert.deepEqual(client.reads, [{ id: 'new-key-123456' }]);
    client.answer = { key: '', keyHash: 'hash-1' };
    await client.createKey({ ...SPEC, hmac: true });
    assert.deepEqual(client.reads[1], { id: 'hash-1', hashed: true });
    client.answer = { key: 'k2', hmacSecret: 'from-answer' };
    assert.deepEqual(await client.createKey({ ...SPEC, hmac: true }), { key: 'k2', hmacSecret: 'from-answer' });
    assert.equal(client.reads.length, 2, 'not read when the answer has it');
  });

  it('createKey with HMAC: no secret read back, or a failed read, still delivers the key', async () => {
    const client = new StandIn();
    client.readBack = details({});
    assert.deepEqual(await client.createKey({ ...SPEC, hmac: true }), { key: 'new-key-123456' });
    client.readBack = new TykError('cancelled', 'cancelled');
    assert.deepEqual(await client.createKey({ ...SPEC, hmac: true }), { key: 'new-key-123456' });
    client.answer = { key: '' };
    assert.deepEqual(await client.createKey({ ...SPEC, basicAuth: { username: 'u', password: 'p' }, hmac: false }), { key: '' });
  });

  it('createKeyFromSession: a rotation copy, its HMAC secret read back; refused sessions send nothing', async () => {
    const client = new StandIn();
    client.readBack = details({ hmacSecret: 'new-secret' });
    const session = { access_rights: { a1: {} }, hmac_enabled: true, hmac_string: 'old', certificate: 'old-cert', quota_remaining: 3 };
    assert.deepEqual(await client.createKeyFromSession(session, { certificate: 'new-cert' }), { key: 'new-key-123456', hmacSecret: 'new-secret' });
    assert.deepEqual(client.posts[0]?.body, { access_rights: { a1: {} }, hmac_enabled: true, certificate: 'new-cert' });
    assert.deepEqual(client.posts[0]?.route, { kind: 'generated' });
    await client.createKeyFromSession({ access_rights: { a1: {} }, hmac_enabled: 'true' });
    assert.equal(client.reads.length, 1, 'hmac_enabled must be true itself');
    const e = await tykErrorOf(() => client.createKeyFromSession({ access_rights: {} }));
    assert.equal(e.kind, 'bad-request');
    assert.equal(e.message, 'The key grants no API and no policy: Tyk would refuse a copy of it.');
    assert.equal(client.posts.length, 2);
  });

  it('setBasicAuthPassword: the same user with a new password, the quota kept, the rest sent back as read', async () => {
    const client = new StandIn();
    client.readBack = details({ kind: 'basic', keyId: 'kid', username: 'ann', session: { rate: 5, quota_remaining: 9, basic_auth_data: { password: '', hash_type: 'bcrypt' } } });
    const ref = { id: 'kid' };
    const signal = new AbortController().signal;
    assert.deepEqual(await client.setBasicAuthPassword(ref, 'new-pw', { signal }), { username: 'ann', password: 'new-pw' });
    assert.deepEqual(client.updates, [{ ref, session: { rate: 5, basic_auth_data: { password: 'new-pw', hash_type: 'bcrypt' } }, options: { signal, suppressReset: true } }]);
    client.readBack = details({ kind: 'basic', keyId: 'kid', session: { basic_auth_data: null } });
    const generated = await client.setBasicAuthPassword(ref);
    assert.equal(generated.username, 'kid', 'the key id when no username was read');
    assert.match(generated.password, /^[A-Za-z0-9_-]{32}$/);
    assert.deepEqual(client.updates[1]?.session, { basic_auth_data: { password: generated.password } });
  });

  it('setBasicAuthPassword: refuses an empty or control-character password, and a key that is no basic-auth user', async () => {
    const client = new StandIn();
    for (const password of ['', 'a\nb']) {
      const e = await tykErrorOf(() => client.setBasicAuthPassword({ id: 'kid' }, password));
      assert.equal(e.kind, 'bad-request');
      assert.equal(e.message, 'The password must not be empty (nor hold control characters).');
    }
    assert.equal(client.reads.length, 0);
    client.readBack = details({ kind: 'authToken' });
    const e = await tykErrorOf(() => client.setBasicAuthPassword({ id: '5e9d9544a1dcd60001d0ed20bf41b814' }, 'pw'));
    assert.equal(e.kind, 'bad-request');
    assert.equal(e.message, 'The key 5e9d…b814 is not a basic-auth user: it has no password to set.');
    assert.equal(client.updates.length, 0);
  });
});
