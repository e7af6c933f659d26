// src/domain/limits.ts: names and paths kept from a server are cut to a bound; ids are never touched.
import * as assert from 'node:assert/strict';
import { MAX_NAME_LENGTH, MAX_PATH_LENGTH, boundedApi, boundedPolicy } from '../../../src/domain/limits';
import type { TykApi, TykPolicy } from '../../../src/domain/model';

const API = { apiId: 'id-1', name: 'Petstore', listenPath: '/pets/', authHeaderName: 'Authorization' } as TykApi;
const POLICY = { id: 'pol-1', name: 'Gold', apis: [{ apiId: 'id-1', apiName: 'Petstore' }, { apiId: 'id-2' }] } as TykPolicy;

describe('domain/limits', () => {
  it('the bounds: 256 characters for names, 2048 for paths and header names', () => {
    assert.equal(MAX_NAME_LENGTH, 256);
    assert.equal(MAX_PATH_LENGTH, 2048);
  });

  it('an API within the bounds is kept as it is', () => {
    assert.deepEqual(boundedApi(API), API);
    const full = { ...API, name: 'n'.repeat(256), listenPath: '/'.repeat(2048), authHeaderName: 'h'.repeat(2048) };
    assert.deepEqual(boundedApi(full), full);
  });

  it('an API’s name, listen path and header name are cut; its id and other fields kept', () => {
    const api = boundedApi({ ...API, apiId: 'i'.repeat(5000), name: 'n'.repeat(300), listenPath: `/${'p'.repeat(3000)}`, authHeaderName: 'h'.repeat(3000) });
    assert.equal(api.apiId, 'i'.repeat(5000));
    assert.equal(api.name, 'n'.repeat(256));
    assert.equal(api.listenPath, `/${'p'.repeat(2047)}`);
    assert.equal(api.authHeaderName, 'h'.repeat(2048));
  });

  it('a name cut on a space is trimmed, but never emptied; a listen path is cut as it is', () => {
    assert.equal(boundedApi({ ...API, name: `${'a'.repeat(250)}${' '.repeat(20)}b` }).name, 'a'.repeat(250));
    assert.equal(boundedApi({ ...API, name: ' '.repeat(300) }).name, ' '.repeat(256));
    assert.equal(boundedApi({ ...API, listenPath: `/${'a'.repeat(2040)}${' '.repeat(20)}` }).listenPath, `/${'a'.repeat(2040)}${' '.repeat(7)}`);
  });

  it('a policy’s name and its APIs’ names are cut; APIs without a name stay so', () => {
    assert.deepEqual(boundedPolicy(POLICY), POLICY);
    const policy = boundedPolicy({ ...POLICY, name: `${'g'.repeat(255)}  x`, apis: [{ apiId: 'id-1', apiName: 'm'.repeat(400) }, { apiId: 'id-2' }] });
    assert.equal(policy.id, 'pol-1');
    assert.equal(policy.name, 'g'.repeat(255));
    assert.deepEqual(policy.apis, [{ apiId: 'id-1', apiName: 'm'.repeat(256) }, { apiId: 'id-2' }]);
    assert.equal('apiName' in (policy.apis[1] ?? {}), false);
  });
});
