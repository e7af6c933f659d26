// src/tyk/errors.ts: the one error the client throws, its plain-text message, and Tyk's key-write refusals.
import * as assert from 'node:assert/strict';
import {
  HASHED_LISTING_OFF,
  MAX_ERROR_MESSAGE_LENGTH,
  MAX_SERVER_MESSAGE_LENGTH,
  TykError,
  credentialHint,
  excerpt,
  isTykError,
  isUntrustedCertificate,
  keyWriteRefusal,
} from '../../../src/tyk/errors';

const SERVER = 'Tyk Dashboard at https://d';

describe('tyk/errors', () => {
  it('TykError: its kind, details and defaults; name TykError; an Error', () => {
    const e = new TykError('rate-limited', 'Too many.', { status: 429, serverMessage: 'slow down', retryAfter: 3, code: 'E429', outcomeUnknown: true });
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'TykError');
    assert.equal(e.kind, 'rate-limited');
    assert.equal(e.message, 'Too many.');
    assert.equal(e.status, 429);
    assert.equal(e.serverMessage, 'slow down');
    assert.equal(e.retryAfter, 3);
    assert.equal(e.code, 'E429');
    assert.equal(e.outcomeUnknown, true);
    const bare = new TykError('server', 'x');
    assert.equal(bare.outcomeUnknown, false);
    assert.equal(bare.status, undefined);
    assert.equal(bare.serverMessage, undefined);
    assert.equal(bare.retryAfter, undefined);
    assert.equal(bare.code, undefined);
    assert.equal(new TykError('server', 'x', { serverMessage: '' }).serverMessage, '');
  });

  it('TykError: message and server message are plain text, bounded to 1000 and 300 characters', () => {
    assert.equal(MAX_ERROR_MESSAGE_LENGTH, 1000);
    assert.equal(MAX_SERVER_MESSAGE_LENGTH, 300);
    const e = new TykError('server', `${'m'.repeat(1000)}`, { serverMessage: 's'.repeat(300) });
    assert.equal(e.message, 'm'.repeat(1000));
    assert.equal(e.serverMessage, 's'.repeat(300));
    const long = new TykError('server', `a\r\n[x](command:y)${'m'.repeat(1000)}`, { serverMessage: `b\n${'s'.repeat(400)}` });
    assert.equal(long.message, `a [x] (command:y)${'m'.repeat(1000 - 17)}…`);
    assert.equal(long.serverMessage, `b ${'s'.repeat(298)}…`);
  });

  it('isTykError: TykErrors only', () => {
    assert.equal(isTykError(new TykError('server', 'x')), true);
    assert.equal(isTykError(new Error('x')), false);
    assert.equal(isTykError({ kind: 'server', message: 'x' }), false);
    assert.equal(isTykError(undefined), false);
  });

  it('excerpt: 200 characters by default, one line', () => {
    assert.equal(excerpt('x'.repeat(200)), 'x'.repeat(200));
    assert.equal(excerpt('x'.repeat(201)), `${'x'.repeat(200)}…`);
    assert.equal(excerpt('a\nb', 5), 'a b');
    assert.equal(excerpt('abcdef', 3), 'abc…');
  });

  it('credentialHint: where each flavor’s credential is found', () => {
    assert.equal(credentialHint('dashboard'), 'copy it again from Users → your user → Tyk Dashboard API Access Credentials');
    assert.equal(credentialHint('gateway'), 'use the `secret` from the Gateway’s tyk.conf (or TYK_GW_SECRET)');
  });

  it('HASHED_LISTING_OFF: the Dashboard’s and the Gateway’s words, any case', () => {
    assert.match('Could not retrieve keys.', HASHED_LISTING_OFF);
    assert.match('Hashed key listing is disabled in config (enable_hashed_keys_listing)', HASHED_LISTING_OFF);
    assert.match('HASHED KEY LISTING IS DISABLED', HASHED_LISTING_OFF);
    assert.doesNotMatch('Key not found', HASHED_LISTING_OFF);
  });

  it('isUntrustedCertificate: a tls problem whose code a CA file or self-signed acceptance can fix', () => {
    for (const code of ['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED']) {
      assert.equal(isUntrustedCertificate({ message: 'm', kind: 'tls', code }), true, code);
    }
    assert.equal(isUntrustedCertificate({ message: 'm', kind: 'tls', code: 'CERT_HAS_EXPIRED' }), false);
    assert.equal(isUntrustedCertificate({ message: 'm', kind: 'tls' }), false);
    assert.equal(isUntrustedCertificate({ message: 'm', kind: 'network', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), false);
    assert.equal(isUntrustedCertificate(undefined), false);
  });

  it('keyWriteRefusal: each refusal Tyk words, as the kind and sentence that say what to do', () => {
    const conflict = keyWriteRefusal(500, 'Failed to create key: Key with given certificate already found', SERVER);
    assert.equal(conflict?.kind, 'conflict');
    assert.equal(conflict?.status, 500);
    assert.equal(conflict?.serverMessage, 'Failed to create key: Key with given certificate already found');
    assert.equal(
      conflict?.message,
      `The ${SERVER} already holds a key bound to this certificate, and Tyk allows one key per certificate. Revoke that key first, or bind the new key to another certificate.`,
    );
    const lose = keyWriteRefusal(400, 'Key cannot be used without a certificate', SERVER);
    assert.equal(lose?.kind, 'bad-request');
    assert.equal(lose?.status, 400);
    assert.equal(lose?.message, `The ${SERVER} keeps this key bound to its certificate: a certificate-bound key cannot lose its certificate. Create a new key instead.`);
    const unknown = keyWriteRefusal(400, 'Key must be used with an existent certificate', SERVER);
    assert.equal(unknown?.kind, 'bad-request');
    assert.equal(unknown?.message, `The ${SERVER} does not hold that certificate: add it to its certificate store first (Dashboard: Certificates), then pick it.`);
    for (const said of ['Failed to create key, keys must have at least one Access Rights record set. Ensure security settings are correct.', 'master keys are disabled']) {
      const refused = keyWriteRefusal(403, said, SERVER);
      assert.equal(refused?.kind, 'bad-request', said);
      assert.equal(refused?.status, 403);
      assert.equal(
        refused?.message,
        `The ${SERVER} refused the key (it said: "${said}"): a key must grant at least one API the Gateway knows, or apply a policy that does.`,
      );
    }
    assert.equal(keyWriteRefusal(500, 'Internal error', SERVER), undefined);
    assert.equal(keyWriteRefusal(500, '', SERVER), undefined);
    assert.equal(keyWriteRefusal(500, undefined, SERVER), undefined);
  });
});
