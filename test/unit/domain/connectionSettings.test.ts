// src/domain/connectionSettings.ts: the one schema of a tyk.connections entry, the plain-http rule and
// the binding of a credential to its server.
import * as assert from 'node:assert/strict';
import {
  ConnectionSetting,
  credentialBinding,
  isLoopbackHostname,
  mayRequest,
  parseConnectionSettings,
  trimTrailingSlashes,
} from '../../../src/domain/connectionSettings';

const valid = { id: 'c1', name: 'Staging', kind: 'dashboard', url: 'https://dash.example.com' };
const accepted = (entry: unknown): boolean => ConnectionSetting.safeParse(entry).success;

describe('domain/connectionSettings', () => {
  it('trimTrailingSlashes: every / at the end, none elsewhere', () => {
    assert.equal(trimTrailingSlashes('https://x/a///'), 'https://x/a');
    assert.equal(trimTrailingSlashes('https://x/a'), 'https://x/a');
    assert.equal(trimTrailingSlashes('///'), '');
    assert.equal(trimTrailingSlashes(''), '');
    assert.equal(trimTrailingSlashes('/a/b/'), '/a/b');
  });

  it('ConnectionSetting: the accepted side, every optional field at its type', () => {
    assert.equal(accepted(valid), true);
    assert.equal(accepted({ ...valid, kind: 'gateway', url: 'http://localhost:8080' }), true);
    assert.equal(accepted({ ...valid, name: '' }), true);
    assert.equal(accepted({ ...valid, id: 'i'.repeat(200), name: 'n'.repeat(200) }), true);
    assert.equal(accepted({ ...valid, url: `https://x.example/${'p'.repeat(2048 - 'https://x.example/'.length)}` }), true);
    assert.equal(accepted({ ...valid, caFile: '/etc/ca.pem', allowSelfSigned: false, allowInsecureHttp: true, gatewayUrl: 'http://gw:8080' }), true);
    assert.equal(accepted({ ...valid, caFile: 'c'.repeat(4096) }), true);
    assert.deepEqual(ConnectionSetting.parse({ ...valid, extra: 1 }), valid, 'unknown fields dropped');
  });

  it('ConnectionSetting: each field refused at the wrong type, length or form', () => {
    for (const entry of [
      { ...valid, id: '' },
      { ...valid, id: 'i'.repeat(201) },
      { ...valid, id: 1 },
      { ...valid, name: 'n'.repeat(201) },
      { ...valid, name: undefined },
      { ...valid, kind: 'other' },
      { ...valid, url: `https://x.example/${'p'.repeat(2049 - 'https://x.example/'.length)}` },
      { ...valid, url: 'not a url' },
      { ...valid, url: 'file:///etc/passwd' },
      { ...valid, url: 'ftp://x.example' },
      { ...valid, url: 'https://user@x.example' },
      { ...valid, url: 'https://:pw@x.example' },
      { ...valid, caFile: '' },
      { ...valid, caFile: 'c'.repeat(4097) },
      { ...valid, allowSelfSigned: 'true' },
      { ...valid, allowInsecureHttp: 'true' },
      { ...valid, gatewayUrl: 'gw:8080' },
      { ...valid, gatewayUrl: '' },
    ]) {
      assert.equal(accepted(entry), false, JSON.stringify(entry).slice(0, 120));
    }
  });

  it('parseConnectionSettings: nothing set is no connection and no problem; not a list is one problem', () => {
    assert.deepEqual(parseConnectionSettings(undefined), { connections: [], problems: [] });
    assert.deepEqual(parseConnectionSettings(null), { connections: [], problems: [] });
    assert.deepEqual(parseConnectionSettings([]), { connections: [], problems: [] });
    assert.deepEqual(parseConnectionSettings({ id: 'x' }), { connections: [], problems: ['The setting tyk.connections must be a list of connections.'] });
  });

  it('parseConnectionSettings: valid entries kept in order, the first of each id; each other entry said why', () => {
    const result = parseConnectionSettings([
      valid,
      { ...valid, id: 'c2', name: 'Prod', allowSelfSigned: 'false' },
      { ...valid, name: 'Copy' },
      'nonsense',
      { ...valid, id: 'c3', name: '  ' },
      { ...valid, id: 'c4', name: 'Dev' },
      { ...valid, id: 'c5', name: 'Bad\nname[x](command:y)', kind: 1 },
    ]);
    assert.deepEqual(
      result.connections.map((c) => c.id),
      ['c1', 'c3', 'c4'],
    );
    assert.deepEqual(result.problems, [
      'The connection “Prod” (number 2) in the setting tyk.connections is ignored: its field “allowSelfSigned” is not valid (Invalid input).',
      'The connection “Copy” (number 3) in the setting tyk.connections is ignored: another connection has the same id.',
      'The connection number 4 in the setting tyk.connections is ignored: it is not valid (Invalid input).',
      'The connection “Bad name[x] (command:y)” (number 7) in the setting tyk.connections is ignored: its field “kind” is not valid (Invalid input).',
    ]);
  });

  it('parseConnectionSettings: an entry without a usable name is named by its number', () => {
    const { problems } = parseConnectionSettings([null, { ...valid, name: '  ', kind: 1 }, { ...valid, name: 5 }]);
    assert.deepEqual(
      problems.map((p) => p.replace(/ is ignored: .*$/, '')),
      ['The connection number 1 in the setting tyk.connections', 'The connection number 2 in the setting tyk.connections', 'The connection number 3 in the setting tyk.connections'],
    );
  });

  it('isLoopbackHostname: localhost names, 127/8 and ::1 (also IPv4-mapped), a trailing dot allowed', () => {
    for (const host of ['localhost', 'LOCALHOST', 'localhost.', 'app.localhost', 'a-b.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]']) {
      assert.equal(isLoopbackHostname(host), true, host);
    }
    for (const host of ['localhost.evil.com', 'evil-localhost', 'xlocalhost', '128.0.0.1', '127.0.0', '1127.0.0.1', '[::2]', '[::ffff:10.0.0.1]', '[::ffff:0a00:1]', '', 'a.b.localhost']) {
      assert.equal(isLoopbackHostname(host), false, host);
    }
  });

  it('mayRequest: https; http to loopback; http elsewhere only with allowInsecureHttp === true; nothing else', () => {
    assert.equal(mayRequest('https://dash.example.com', undefined), true);
    assert.equal(mayRequest('http://localhost:3000', false), true);
    assert.equal(mayRequest('http://dash.example.com', true), true);
    assert.equal(mayRequest('http://dash.example.com', false), false);
    assert.equal(mayRequest('http://dash.example.com', undefined), false);
    assert.equal(mayRequest('ftp://localhost', true), false);
    assert.equal(mayRequest('not a url', true), false);
  });

  it('credentialBinding: kind + origin + path without trailing slashes; the same server binds the same', () => {
    assert.equal(credentialBinding('dashboard', ' https://Dash.Example.com:443/base// '), 'dashboard https://dash.example.com/base');
    assert.equal(credentialBinding('gateway', 'http://gw:8080/'), 'gateway http://gw:8080');
    assert.equal(credentialBinding('gateway', ' not a url '), 'gateway not a url');
  });
});
