// src/domain/keyView.ts: the key view's model, every field of it, absent fields said plainly, server text
// kept as text (plain, bounded), and the state with "expires in N days".
import * as assert from 'node:assert/strict';
import { configureFormats, Formatter } from '../../../src/domain/format';
import { keyViewModel, keyViewState, type KeyViewContext, type KeyViewModel, type KeyViewSection } from '../../../src/domain/keyView';
import { MAX_NAME_LENGTH } from '../../../src/domain/limits';
import type { KeyDetails } from '../../../src/domain/model';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const DAY_S = 86_400;
const NOW_S = NOW / 1000;
const KEY = '5e9d9544a1dcd60001d0ed20a1b2c3d4e5f6a7b8c9d0e1f2';
const HASH = 'c6f5a0e2d4b3f1a9';

function details(over: Partial<KeyDetails> = {}): KeyDetails {
  return {
    keyId: KEY,
    keyHash: HASH,
    alias: 'mobile-app',
    accessRights: [
      { apiId: 'api-1', versions: ['Default'] },
      { apiId: 'api-2', apiName: 'Payments API', versions: ['v1', 'v2'] },
      { apiId: 'api-unknown', versions: [] },
    ],
    rate: 100,
    per: 60,
    quotaMax: 1000,
    quotaRemaining: 750,
    quotaRenewalRate: 3600,
    quotaRenews: NOW_S + 2 * 3600,
    expires: NOW_S + 30 * DAY_S,
    isInactive: false,
    tags: ['edge', 'eu'],
    policies: ['pol-1', 'pol-unknown'],
    kind: 'authToken',
    session: { date_created: '2026-01-05T12:00:00Z' },
    ...over,
  };
}

const CONTEXT: KeyViewContext = {
  apiNames: new Map([
    ['api-1', 'Petstore'],
    ['api-2', 'Payments (catalog name)'],
  ]),
  policyNames: new Map([['pol-1', 'Gold plan']]),
  now: NOW,
  warningDays: 7,
};

function section<K extends KeyViewSection['kind']>(model: KeyViewModel, id: string, kind: K): Extract<KeyViewSection, { kind: K }> {
  const found = model.sections.find((s) => s.id === id);
  assert.ok(found, `section ${id}`);
  assert.equal(found.kind, kind);
  return found as Extract<KeyViewSection, { kind: K }>;
}

function fact(model: KeyViewModel, id: string, label: string): string | undefined {
  const s = model.sections.find((x) => x.id === id);
  assert.ok(s && 'facts' in s);
  return s.facts.find((f) => f.label === label)?.value;
}

/** Every text of the model, to check none is "undefined", "null" or empty. */
function texts(model: KeyViewModel): string[] {
  const out = [model.title, model.state.text, model.actionsLabel, ...model.actions.flatMap((a) => [a.label, a.title])];
  for (const s of model.sections) {
    out.push(s.heading);
    if (s.kind === 'list') {
      out.push(s.empty, ...s.items.flatMap((i) => [i.text, ...(i.detail === undefined ? [] : [i.detail])]));
    } else if (s.kind !== 'usage') {
      out.push(...s.facts.flatMap((f) => [f.label, f.value]));
      if (s.kind === 'quota' && s.meter) {
        out.push(s.meter.text);
      }
    }
  }
  return out;
}

const spaces = (text: string | undefined): string => (text ?? '').replace(/\s/g, ' ');

describe('domain/keyView', () => {
  before(() => configureFormats({ locale: 'en', timeZone: 'UTC' }));
  after(() => configureFormats({ locale: 'en' }));

  it('shows every field of a key: alias, masked key, hash, kind, created, state, expiry, limits, quota, APIs, policies, tags', () => {
    const model = keyViewModel(details(), KEY, false, CONTEXT);
    assert.equal(model.title, 'mobile-app');
    assert.deepEqual(model.state, { state: 'active', text: 'active' });
    assert.deepEqual(
      model.sections.map((s) => s.id),
      ['key', 'state', 'limits', 'usage', 'access', 'policies', 'tags'],
    );
    assert.equal(fact(model, 'key', 'Alias'), 'mobile-app');
    assert.equal(fact(model, 'key', 'Key'), '5e9d…e1f2', 'masked');
    assert.equal(fact(model, 'key', 'Hash'), HASH);
    assert.equal(fact(model, 'key', 'Kind'), 'auth token');
    assert.equal(spaces(fact(model, 'key', 'Created')), 'Jan 5, 2026, 12:00 PM UTC (10 days ago)');
    assert.equal(fact(model, 'state', 'State'), 'active');
    assert.equal(spaces(fact(model, 'state', 'Expires')), 'Feb 14, 2026, 12:00 PM UTC');
    assert.equal(fact(model, 'state', 'Countdown'), 'in 30 days');
    assert.equal(fact(model, 'limits', 'Rate limit'), '100 requests per minute');
    assert.equal(fact(model, 'limits', 'Quota'), '1,000 requests an hour');
    assert.equal(spaces(fact(model, 'limits', 'Renews')), 'Jan 15, 2026, 2:00 PM UTC (in 2 hours)');
    assert.deepEqual(section(model, 'limits', 'quota').meter, { used: 250, max: 1000, text: '250 of 1,000 requests used, 750 remaining' });
    assert.deepEqual(section(model, 'access', 'list').items, [
      { text: 'Petstore', detail: 'id api-1 · versions: Default' },
      { text: 'Payments API', detail: 'id api-2 · versions: v1, v2' },
      { text: 'api-unknown', detail: 'all versions' },
    ]);
    assert.deepEqual(section(model, 'policies', 'list').items, [{ text: 'Gold plan', detail: 'id pol-1' }, { text: 'pol-unknown' }]);
    assert.deepEqual(section(model, 'tags', 'list').items, [{ text: 'edge' }, { text: 'eu' }]);
    assert.deepEqual(
      model.actions.map((a) => [a.action, a.label, a.enabled]),
      [
        ['update', 'Update…', true],
        ['rotate', 'Rotate…', true],
        ['revoke', 'Revoke…', true],
        ['copyHash', 'Copy Hash', true],
        ['openJson', 'Open as JSON', true],
      ],
    );
    assert.ok(!JSON.stringify(model).includes(KEY), 'the key itself is nowhere in the model');
    assert.deepEqual(JSON.parse(JSON.stringify(model)), model, 'plain JSON: what postMessage sends');
  });

  it('says absent fields plainly: never "undefined", "null" or an empty text', () => {
    const bare: KeyDetails = { keyId: KEY, accessRights: [], isInactive: false, tags: [], policies: [], kind: 'authToken', session: {} };
    const model = keyViewModel(bare, KEY, false, { ...CONTEXT, apiNames: new Map(), policyNames: new Map() });
    for (const t of texts(model)) {
      assert.ok(t.trim().length > 0, 'no empty text');
      assert.doesNotMatch(t, /undefined|null|NaN/);
    }
    assert.equal(model.title, '5e9d…e1f2', 'no alias: the masked key');
    assert.equal(fact(model, 'key', 'Alias'), 'not set');
    assert.match(fact(model, 'key', 'Hash') ?? '', /^not known/);
    assert.equal(fact(model, 'key', 'Created'), 'not known');
    assert.equal(fact(model, 'state', 'Expires'), 'never');
    assert.equal(fact(model, 'state', 'Countdown'), undefined, 'no countdown to never');
    assert.equal(fact(model, 'limits', 'Rate limit'), 'not set');
    assert.equal(fact(model, 'limits', 'Quota'), 'not set');
    assert.equal(section(model, 'limits', 'quota').meter, undefined);
    assert.equal(section(model, 'access', 'list').empty, 'No API.');
    assert.equal(section(model, 'policies', 'list').empty, 'No policy.');
    assert.equal(section(model, 'tags', 'list').empty, 'No tags.');
    assert.equal(model.actions.find((a) => a.action === 'copyHash')?.enabled, false, 'no hash to copy');
    assert.equal(fact(keyViewModel({ ...bare, session: { date_created: '0001-01-01T00:00:00Z' } }, KEY, false, CONTEXT), 'key', 'Created'), 'not known', 'Tyk’s zero time');
    assert.equal(section(keyViewModel({ ...bare, policies: ['p'] }, KEY, false, CONTEXT), 'access', 'list').empty, 'None of its own: its policies grant its APIs.');
  });

  it('quota: -1 is unlimited (no bar), an unknown remaining has no bar, a quota never renewed says so, the bar is bounded', () => {
    const unlimited = keyViewModel(details({ quotaMax: -1, quotaRemaining: -1 }), KEY, false, CONTEXT);
    assert.equal(fact(unlimited, 'limits', 'Quota'), 'unlimited');
    assert.equal(section(unlimited, 'limits', 'quota').meter, undefined);
    assert.equal(fact(unlimited, 'limits', 'Renews'), undefined);
    const unknown = keyViewModel(details({ quotaRemaining: undefined }), KEY, false, CONTEXT);
    assert.equal(section(unknown, 'limits', 'quota').meter, undefined);
    assert.equal(fact(unknown, 'limits', 'Used'), 'not known');
    const never = keyViewModel(details({ quotaRenewalRate: -1 }), KEY, false, CONTEXT);
    assert.equal(fact(never, 'limits', 'Quota'), '1,000 requests, never renewed');
    assert.equal(fact(never, 'limits', 'Renews'), 'never');
    const notStarted = keyViewModel(details({ quotaRenews: 0 }), KEY, false, CONTEXT);
    assert.equal(fact(notStarted, 'limits', 'Renews'), '1 hour after the first request');
    assert.deepEqual(section(keyViewModel(details({ quotaRemaining: 5000 }), KEY, false, CONTEXT), 'limits', 'quota').meter?.used, 0);
    assert.deepEqual(section(keyViewModel(details({ quotaRemaining: -3 }), KEY, false, CONTEXT), 'limits', 'quota').meter?.used, 1000);
  });

  it('state: suspended wins, expired, and an active key expiring within tyk.expiryWarningDays (calendar days) says when', () => {
    assert.deepEqual(keyViewState({ isInactive: true, expires: NOW_S + DAY_S }, NOW, 7), { state: 'suspended', text: 'suspended' });
    assert.deepEqual(keyViewState({ isInactive: false, expires: NOW_S - 60 }, NOW, 7), { state: 'expired', text: 'expired' });
    assert.deepEqual(keyViewState({ isInactive: false, expires: NOW_S + 3 * DAY_S }, NOW, 7), { state: 'expiring', text: 'expires in 3 days' });
    assert.deepEqual(keyViewState({ isInactive: false, expires: NOW_S + 3600 }, NOW, 7), { state: 'expiring', text: 'expires today' });
    assert.deepEqual(keyViewState({ isInactive: false, expires: NOW_S + DAY_S }, NOW, 7), { state: 'expiring', text: 'expires tomorrow' });
    assert.deepEqual(keyViewState({ isInactive: false, expires: NOW_S + 7 * DAY_S }, NOW, 7), { state: 'expiring', text: 'expires in 7 days' }, 'the bound is in');
    assert.deepEqual(keyViewState({ isInactive: false, expires: NOW_S + 8 * DAY_S }, NOW, 7), { state: 'active', text: 'active' }, 'the 8th day is out');
    assert.deepEqual(keyViewState({ isInactive: false, expires: NOW_S + 3 * DAY_S }, NOW, 0), { state: 'active', text: 'active' }, '0 days: never warned');
    assert.deepEqual(keyViewState({ isInactive: false, expires: -1 }, NOW, 7), { state: 'active', text: 'active' });
    const expired = keyViewModel(details({ expires: NOW_S - 2 * DAY_S }), KEY, false, CONTEXT);
    assert.equal(fact(expired, 'state', 'Countdown'), '2 days ago');
    assert.equal(section(expired, 'state', 'facts').facts.find((f) => f.label === 'State')?.tone, 'error');
    const soon = keyViewModel(details({ expires: NOW_S + 2 * DAY_S }), KEY, false, CONTEXT);
    assert.equal(soon.state.text, 'expires in 2 days');
    assert.equal(section(soon, 'state', 'facts').facts.find((f) => f.label === 'State')?.tone, 'warning');
  });

  it('a key listed by its hash: the hash is the listed id; basic-auth users and certificate-bound keys say so', () => {
    const byHash = keyViewModel(details({ keyHash: undefined }), HASH, true, CONTEXT);
    assert.equal(fact(byHash, 'key', 'Hash'), HASH);
    assert.equal(byHash.actions.find((a) => a.action === 'copyHash')?.enabled, true);
    const basic = keyViewModel(details({ kind: 'basic', username: 'alice' }), KEY, false, CONTEXT);
    assert.equal(fact(basic, 'key', 'Kind'), 'basic-auth user');
    assert.equal(fact(basic, 'key', 'Username'), 'alice');
    const cert = keyViewModel(details({ kind: 'certificate', certificate: 'cert-1' }), KEY, false, CONTEXT);
    assert.equal(fact(cert, 'key', 'Certificate'), 'cert-1');
  });

  it('server text stays text: markup is kept as characters, control and bidi characters replaced, lines joined, lengths bounded', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const model = keyViewModel(
      details({
        alias: hostile,
        tags: [`${hostile}\n<script>alert(2)</script>`, 'a\u202eb'],
        accessRights: [{ apiId: '<b>id</b>', apiName: hostile, versions: ['<i>v1</i>'] }],
        policies: ['<svg onload=alert(3)>'],
        session: { date_created: '<script>' },
      }),
      KEY,
      false,
      { ...CONTEXT, policyNames: new Map([['<svg onload=alert(3)>', '[x](command:tyk.revokeKey)']]) },
    );
    assert.equal(model.title, hostile, 'the characters themselves: the webview sets them as textContent');
    assert.equal(fact(model, 'key', 'Alias'), hostile);
    assert.deepEqual(section(model, 'tags', 'list').items, [{ text: `${hostile} <script>alert(2)</script>` }, { text: 'a\ufffdb' }]);
    assert.deepEqual(section(model, 'access', 'list').items, [{ text: hostile, detail: 'id <b>id</b> · versions: <i>v1</i>' }]);
    assert.deepEqual(section(model, 'policies', 'list').items, [{ text: '[x] (command:tyk.revokeKey)', detail: 'id <svg onload=alert(3)>' }]);
    assert.equal(fact(model, 'key', 'Created'), 'not known', 'not a date');
    const long = keyViewModel(details({ alias: 'a'.repeat(10_000), tags: ['t'.repeat(10_000)] }), KEY, false, CONTEXT);
    assert.equal(long.title.length, MAX_NAME_LENGTH + 1, 'cut, with an ellipsis');
    assert.ok(long.title.endsWith('…'));
    assert.equal(section(long, 'tags', 'list').items[0]?.text.length, MAX_NAME_LENGTH + 1);
  });

  it('dates and numbers in the user’s locale (format.ts)', () => {
    configureFormats({ locale: 'de', language: 'en', timeZone: 'UTC' });
    try {
      const model = keyViewModel(details({ quotaMax: 10_000, quotaRemaining: 2500 }), KEY, false, CONTEXT);
      assert.equal(section(model, 'limits', 'quota').meter?.text, '7.500 of 10.000 requests used, 2.500 remaining');
    } finally {
      configureFormats({ locale: 'en', timeZone: 'UTC' });
    }
  });

  it('countdown: the largest whole unit, ahead or past', () => {
    const f = new Formatter({ locale: 'en', timeZone: 'UTC' });
    assert.equal(f.countdown(NOW + 3 * DAY_S * 1000 + 5000, NOW), 'in 3 days');
    assert.equal(f.countdown(NOW + 5 * 3600 * 1000, NOW), 'in 5 hours');
    assert.equal(f.countdown(NOW + 90 * 1000, NOW), 'in 1 minute');
    assert.equal(f.countdown(NOW + 10 * 1000, NOW), 'in less than a minute');
    assert.equal(f.countdown(NOW - 10 * 1000, NOW), 'less than a minute ago');
    assert.equal(f.countdown(NOW - 2 * DAY_S * 1000, NOW), '2 days ago');
    assert.equal(f.countdown(NOW + 1500 * DAY_S * 1000, NOW), 'in 1,500 days');
    assert.equal(new Formatter({ locale: 'de', language: 'en' }).countdown(NOW + 1500 * DAY_S * 1000, NOW), 'in 1.500 days');
  });
});
