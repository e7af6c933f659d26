import * as assert from 'node:assert/strict';
import { DEFAULT_LIMITS, buildSessionState, checkKeySpec, reusableSession } from '../../../src/domain/keySpec';
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
