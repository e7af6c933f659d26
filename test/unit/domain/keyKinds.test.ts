// src/domain/keyKinds.ts: which kinds of API Create Key makes a key for, and what it says for the others.
import * as assert from 'node:assert/strict';
import { createsKey, keyKindAdvice, notRequestableMessage } from '../../../src/domain/keyKinds';
import type { KeyKind } from '../../../src/domain/model';

describe('domain/keyKinds', () => {
  it('a key, a certificate-bound key, a basic-auth user or an HMAC key is made; nothing else', () => {
    const makes: KeyKind[] = ['authToken', 'certificate', 'basic', 'hmac'];
    const advises: KeyKind[] = ['jwt', 'oauth2', 'oidc', 'keyless', 'mtls', 'custom'];
    for (const kind of makes) {
      assert.equal(createsKey(kind), true, kind);
      assert.equal(keyKindAdvice(kind), undefined, kind);
    }
    for (const kind of advises) {
      assert.equal(createsKey(kind), false, kind);
    }
  });

  it('what to do instead, per kind', () => {
    assert.match(keyKindAdvice('jwt') ?? '', /^This API accepts JSON Web Tokens .*Create or pick a policy for it instead of a key\.$/);
    assert.match(keyKindAdvice('oauth2') ?? '', /^This API uses Tyk’s OAuth 2\.0 flow.*Create an OAuth client/);
    assert.match(keyKindAdvice('oidc') ?? '', /^This API accepts OpenID Connect tokens/);
    assert.equal(keyKindAdvice('keyless'), 'This API is open (keyless): requests need no key.');
    assert.match(keyKindAdvice('mtls') ?? '', /^This API lets in clients that present an allowed certificate \(static mTLS\)/);
    assert.match(keyKindAdvice('custom') ?? '', /^This API authenticates with a custom plugin/);
  });

  it('why no request is offered', () => {
    assert.equal(notRequestableMessage('tcp'), 'This is a TCP/TLS API: it takes no HTTP requests, so no request can be written for it.');
    assert.equal(notRequestableMessage('regex-path'), 'The API’s listen path holds a pattern ({…}): fill in a real path before sending a request.');
    assert.equal(notRequestableMessage('secret-path'), 'The API’s listen path is a reference the Gateway resolves (env://, secrets://…): its real path is not known here.');
  });
});
