// src/tyk/keyOps.ts: the request of each key operation (method, path, query), its messages, and which
// ids can be one segment of a path.
import * as assert from 'node:assert/strict';
import { isAddressable, keyOperation, parseSession, pathSegment } from '../../../src/tyk/keyOps';
import { SessionState } from '../../../src/tyk/schemas';
import { tykErrorOf } from '../../support/tykError';

const KEY = '5e9d9544a1dcd60001d0ed20bf41b814';
const SERVER = 'Tyk Gateway at http://gw';


describe('tyk/keyOps', () => {
  it('read: GET {prefix}/{key}, encoded; logged masked; no query for a key, hashed=1 for a hash', () => {
    const op = keyOperation('read', '/tyk/keys', { id: KEY }, SessionState, SERVER);
    assert.equal(op.method, 'GET');
    assert.equal(op.path, `/tyk/keys/${KEY}`);
    assert.equal(op.logPath, '/tyk/keys/5e9d…b814');
    assert.deepEqual(op.query, {});
    assert.equal('body' in op, false);
    assert.equal(op.schema, SessionState);
    assert.equal(op.what, 'read the key 5e9d…b814');
    assert.deepEqual(keyOperation('read', '/tyk/keys', { id: KEY, hashed: true }, SessionState, SERVER).query, { hashed: '1' });
    assert.deepEqual(keyOperation('read', '/tyk/keys', { id: KEY, hashed: false }, SessionState, SERVER).query, {});
    assert.equal(keyOperation('read', '/api/keys', { id: 'a/b c' }, SessionState, SERVER).path, '/api/keys/a%2Fb%20c');
  });

  it('update: PUT with the body and suppress_reset=1 unless a reset is asked for', () => {
    const body = { rate: 5 };
    const op = keyOperation('update', '/api/keys', { id: KEY }, SessionState, SERVER, { body });
    assert.equal(op.method, 'PUT');
    assert.deepEqual(op.query, { suppress_reset: '1' });
    assert.equal(op.body, body);
    assert.equal(op.what, 'update the key 5e9d…b814');
    assert.deepEqual(keyOperation('update', '/api/keys', { id: KEY, hashed: true }, SessionState, SERVER, { body, suppressReset: true }).query, { hashed: '1', suppress_reset: '1' });
    assert.deepEqual(keyOperation('update', '/api/keys', { id: KEY }, SessionState, SERVER, { body, suppressReset: false }).query, {});
  });

  it('revoke: DELETE, never suppress_reset', () => {
    const op = keyOperation('revoke', '/api/keys', { id: KEY }, SessionState, SERVER, { suppressReset: true });
    assert.equal(op.method, 'DELETE');
    assert.deepEqual(op.query, {});
    assert.equal(op.what, 'revoke the key 5e9d…b814');
  });

  it('404 is not-found, naming the key masked; an update maps Tyk’s refusals; other statuses fall through', () => {
    const read = keyOperation('read', '/tyk/keys', { id: KEY }, SessionState, SERVER);
    const missing = read.onStatus?.(404, 'Key not found');
    assert.equal(missing?.kind, 'not-found');
    assert.equal(missing?.status, 404);
    assert.equal(missing?.message, `The key 5e9d…b814 was not found on the ${SERVER}: it may have been revoked or may have expired.`);
    assert.equal(read.onStatus?.(500, 'Key with given certificate already found'), undefined, 'only updates map refusals');
    const update = keyOperation('update', '/tyk/keys', { id: KEY }, SessionState, SERVER, { body: {} });
    assert.equal(update.onStatus?.(404, undefined)?.kind, 'not-found');
    assert.equal(update.onStatus?.(500, 'Key with given certificate already found')?.kind, 'conflict');
    assert.equal(update.onStatus?.(500, 'oops'), undefined);
    const revoke = keyOperation('revoke', '/tyk/keys', { id: KEY }, SessionState, SERVER);
    assert.equal(revoke.onStatus?.(400, 'Key cannot be used without a certificate'), undefined);
    assert.equal(revoke.onStatus?.(404, undefined)?.kind, 'not-found');
  });

  it('an id that cannot be a path segment is refused before a request: bad-response, masked', async () => {
    const e = await tykErrorOf(() => keyOperation('revoke', '/api/keys', { id: '..' }, SessionState, SERVER));
    assert.equal(e.kind, 'bad-response');
    assert.equal(e.message, `The key … (as the ${SERVER} listed it) cannot be put in an address: it is empty, “.” or “..”, or not valid text.`);
  });

  it('isAddressable: not empty, not a dot segment in any encoding, valid text', () => {
    for (const id of ['', '.', '..', '%2e', '%2E', '%2e%2e', '.%2E', '%252e', '%25252E%2e']) {
      assert.equal(isAddressable(id), false, id);
    }
    assert.equal(isAddressable('a\ud800'), false, 'a lone surrogate');
    for (const id of ['a', '...', '.a', 'a.', '%2e%2e%2e', '%2f', '%252', 'x%2e', KEY, 'é', '\ud83d\ude00']) {
      assert.equal(isAddressable(id), true, id);
    }
  });

  it('pathSegment: the id encoded, or bad-request naming what it is, as plain text', async () => {
    assert.equal(pathSegment('a b/c', 'policy'), 'a%20b%2Fc');
    const e = await tykErrorOf(() => pathSegment('..', 'policy id'));
    assert.equal(e.kind, 'bad-request');
    assert.equal(e.message, 'The policy id “..” cannot be put in an address: it is empty, “.” or “..”, or not valid text.');
    assert.equal((await tykErrorOf(() => pathSegment('', 'API id'))).message, 'The API id “” cannot be put in an address: it is empty, “.” or “..”, or not valid text.');
  });

  it('parseSession: the checked session, or bad-response naming the server and the first issue', async () => {
    assert.deepEqual(parseSession({ rate: 5, per: 1 }, SERVER), SessionState.parse({ rate: 5, per: 1 }));
    const e = await tykErrorOf(() => parseSession('nonsense', SERVER));
    assert.equal(e.kind, 'bad-response');
    assert.match(e.message, new RegExp(`^The ${SERVER} answered with a key session of an unexpected shape \\(.+\\)\\.$`));
    assert.doesNotMatch(e.message, /\(invalid\)/);
  });
});
