// The insert formats of a basic-auth user and an HMAC key, and which formats an API allows (plain Node).
import * as assert from 'node:assert/strict';
import { KEY_FORMATS, credentialText, formatKey, formatsFor, keyFormatLabel, previewKey, type KeyFormatInput } from '../../../src/domain/keyFormats';
import { requestFileText } from '../../../src/domain/requestFile';

const api = { name: 'Reports', listenPath: '/reports/', authHeaderName: 'Authorization' };
const basic: KeyFormatInput = {
  key: 'org1alice',
  apis: [api],
  gatewayBase: 'http://gw:8080',
  credential: { kind: 'basic', username: 'alice', password: 'p4ss-w0rd-long-enough' },
};
const hmac: KeyFormatInput = { key: 'abcdef0123456789', apis: [{ ...api, name: 'Webhooks' }], gatewayBase: 'http://gw:8080', credential: { kind: 'hmac', secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQ=' } };

describe('credential formats', () => {
  it('a basic-auth user: username:password, Authorization: Basic, two .env lines, REST Client variables, curl -u', () => {
    assert.equal(formatKey('raw', basic), 'alice:p4ss-w0rd-long-enough');
    assert.equal(formatKey('header', basic), `Authorization: Basic ${Buffer.from('alice:p4ss-w0rd-long-enough').toString('base64')}`);
    assert.equal(formatKey('env', basic), 'TYK_USER_REPORTS=alice\nTYK_PASSWORD_REPORTS=p4ss-w0rd-long-enough');
    assert.equal(formatKey('restClient', basic), '@tykUser = alice\n@tykPassword = p4ss-w0rd-long-enough');
    assert.equal(formatKey('curl', basic), 'curl -u alice:p4ss-w0rd-long-enough http://gw:8080/reports/');
    assert.equal(credentialText(basic), 'alice:p4ss-w0rd-long-enough');
  });

  it('previews never show the password or the HMAC secret', () => {
    for (const format of formatsFor(basic)) {
      assert.ok(!previewKey(format, basic).includes('p4ss-w0rd-long-enough'), format);
    }
    for (const format of formatsFor(hmac)) {
      assert.ok(!previewKey(format, hmac).includes('c2VjcmV0LXNlY3JldC1zZWNyZXQ='), format);
    }
  });

  it('an HMAC key: its id and secret together; no header or curl (each request is signed)', () => {
    assert.deepEqual(formatsFor(hmac), ['raw', 'env', 'restClient']);
    assert.equal(formatKey('raw', hmac), 'keyId: abcdef0123456789\nsecret: c2VjcmV0LXNlY3JldC1zZWNyZXQ=');
    assert.equal(formatKey('env', hmac), 'TYK_KEY_WEBHOOKS=abcdef0123456789\nTYK_HMAC_SECRET_WEBHOOKS=c2VjcmV0LXNlY3JldC1zZWNyZXQ=');
    assert.equal(credentialText(hmac), formatKey('raw', hmac));
  });

  it('the words of each format, for a basic-auth user and for an HMAC key', () => {
    assert.deepEqual(
      KEY_FORMATS.map((f) => keyFormatLabel(f, 'basic')),
      [
        { label: 'Username and password', detail: 'username:password, as typed at a basic-auth prompt' },
        { label: 'HTTP header', detail: 'Authorization: Basic …, the username and password encoded as HTTP basic auth' },
        { label: '.env lines', detail: 'Two variables for a .env file: TYK_USER_<API>=… and TYK_PASSWORD_<API>=…' },
        { label: 'REST Client variables', detail: 'File variables for REST Client (.http): use them as Authorization: Basic {{tykUser}}:{{tykPassword}}' },
        { label: 'curl command (bash/zsh)', detail: 'A curl call to the API’s listen path with -u username:password, quoted for POSIX shells (bash, zsh, sh)' },
        { label: 'curl command (PowerShell)', detail: 'A curl.exe call to the API’s listen path with -u username:password, quoted for PowerShell' },
      ],
    );
    const pair = { label: 'Key id and secret', detail: 'Two lines: the key id (keyId in the signature) and the HMAC secret that signs each request' };
    assert.deepEqual(
      KEY_FORMATS.map((f) => keyFormatLabel(f, 'hmac')),
      [
        pair,
        pair,
        { label: '.env lines', detail: 'Two variables for a .env file: TYK_KEY_<API>=<key id> and TYK_HMAC_SECRET_<API>=<secret>' },
        { label: 'REST Client variables', detail: 'File variables for REST Client (.http): {{tykKey}} (the key id) and {{tykHmacSecret}}' },
        pair,
        pair,
      ],
    );
  });

  it('no API known: the variables without a suffix, the Gateway’s root', () => {
    assert.equal(formatKey('env', { ...basic, apis: [] }), 'TYK_USER=alice\nTYK_PASSWORD=p4ss-w0rd-long-enough');
    assert.equal(formatKey('env', { ...hmac, apis: [] }), 'TYK_KEY=abcdef0123456789\nTYK_HMAC_SECRET=c2VjcmV0LXNlY3JldC1zZWNyZXQ=');
    assert.equal(formatKey('curl', { ...basic, apis: [] }), 'curl -u alice:p4ss-w0rd-long-enough http://gw:8080/');
    assert.deepEqual(formatsFor({ apis: [] }), KEY_FORMATS, 'nothing known against a request');
  });

  it('an HMAC key as REST Client variables; a key alone is the key', () => {
    assert.equal(formatKey('restClient', hmac), '@tykKey = abcdef0123456789\n@tykHmacSecret = c2VjcmV0LXNlY3JldC1zZWNyZXQ=');
    assert.equal(credentialText({ key: 'k-123' }), 'k-123');
  });

  it('no header or curl where no HTTP request can be made', () => {
    assert.deepEqual(formatsFor({ apis: [{ ...api, requestable: false, notRequestableReason: 'tcp' }] }), ['raw', 'env', 'restClient']);
    assert.deepEqual(formatsFor({ apis: [api] }), ['raw', 'header', 'env', 'restClient', 'curl', 'curlPowerShell']);
  });

  it('a request file for a basic-auth API sends the REST Client basic-auth variables', () => {
    const { text, keyOffset } = requestFileText('http://gw:8080', { ...api, keyKind: 'basic' });
    assert.match(text, /\nGET http:\/\/gw:8080\/reports\/\nAuthorization: Basic \{\{tykUser\}\}:\{\{tykPassword\}\}\n$/);
    assert.equal(text.slice(keyOffset, keyOffset + 1), '\n', 'the cursor on the empty line where the variables go');
  });
});
