// src/domain/labels.ts: the words for Tyk's things, one definition each.
import * as assert from 'node:assert/strict';
import { apisLabel, authLabel, connectionDescription, firstSentence, kindName, policyLimits, productName } from '../../../src/domain/labels';
import type { AuthKind, TykPolicy } from '../../../src/domain/model';

const policy = (over: Partial<TykPolicy>): TykPolicy => ({ id: 'p', name: 'P', active: true, apis: [], tags: [], ...over });

describe('domain/labels', () => {
  it('authLabel: a word for each way an API authenticates', () => {
    const words: Record<AuthKind, string> = {
      authToken: 'auth token',
      keyless: 'keyless',
      basic: 'basic auth',
      jwt: 'JWT',
      oauth2: 'OAuth 2.0',
      hmac: 'HMAC',
      oidc: 'OpenID Connect',
      mtls: 'mutual TLS',
      custom: 'custom auth',
      multiple: 'multiple auth methods',
    };
    for (const [kind, word] of Object.entries(words)) {
      assert.equal(authLabel(kind as AuthKind), word);
    }
  });

  it('kindName, productName and connectionDescription', () => {
    assert.equal(kindName('dashboard'), 'Dashboard');
    assert.equal(kindName('gateway'), 'Gateway');
    assert.equal(productName('dashboard'), 'Tyk Dashboard');
    assert.equal(productName('gateway'), 'Tyk Gateway');
    assert.equal(connectionDescription({ kind: 'gateway', url: 'http://gw:8080' }, false), 'Gateway · http://gw:8080');
    assert.equal(connectionDescription({ kind: 'dashboard', url: 'https://d' }, true), '● default · Dashboard · https://d');
  });

  it('policyLimits: rate and quota in words (as every screen writes them), each only when the policy has it', () => {
    assert.equal(policyLimits(policy({})), '');
    assert.equal(policyLimits(policy({ rate: 1000, per: 60 })), '1,000 requests per minute');
    assert.equal(policyLimits(policy({ rate: 5 })), '5 requests per second');
    assert.equal(policyLimits(policy({ rate: 0, per: 60 })), 'no rate limit');
    assert.equal(policyLimits(policy({ rate: -1 })), 'no rate limit');
    assert.equal(policyLimits(policy({ quotaMax: 10000, quotaRenewalRate: 3600 })), '10,000 requests an hour');
    // Tyk reads a quota_max of 0 as no quota; a renewal of 0 or less never renews it.
    assert.equal(policyLimits(policy({ quotaMax: 0, quotaRenewalRate: 3600 })), 'unlimited quota');
    assert.equal(policyLimits(policy({ quotaMax: 10 })), '10 requests, never renewed');
    assert.equal(policyLimits(policy({ quotaMax: -1 })), 'unlimited quota');
    assert.equal(policyLimits(policy({ rate: 1000, per: 60, quotaMax: -1 })), '1,000 requests per minute, unlimited quota');
  });

  it('apisLabel: none, one, two, more', () => {
    assert.equal(apisLabel([]), 'no API');
    assert.equal(apisLabel(['Petstore']), 'Petstore');
    assert.equal(apisLabel(['Petstore', 'Geo']), 'Petstore and 1 more API');
    assert.equal(apisLabel(['Petstore', 'Geo', 'Maps']), 'Petstore and 2 more APIs');
  });

  it('firstSentence: up to the first full stop followed by a space or the end, within max; else cut', () => {
    assert.equal(firstSentence('Could not list the APIs. Check the server.'), 'Could not list the APIs.');
    assert.equal(firstSentence('At http://host:3000: refused: is it running? Check it.'), 'At http://host:3000: refused: is it running?', 'a question ends one too');
    assert.equal(firstSentence('It failed! Try again.'), 'It failed!');
    assert.equal(firstSentence('Is v1.2?x right'), 'Is v1.2?x right', 'a mark inside a word ends none');
    assert.equal(firstSentence('It answered “Bad. Gateway.” (502). Check it.'), 'It answered “Bad. Gateway.” (502).', 'not inside a quote of the server’s words');
    assert.equal(firstSentence('It said: "No. Never". Check it.'), 'It said: "No. Never".', 'nor inside straight quotes');
    assert.equal(firstSentence('A ” stray. Then'), 'A ” stray.', 'a closing quote without an opening one changes nothing');
    assert.equal(firstSentence('“Unclosed. quote'), '“Unclosed. quote', 'an unclosed quote runs to the end');
    assert.equal(firstSentence('Done.'), 'Done.');
    assert.equal(firstSentence('Version 1.2 is out'), 'Version 1.2 is out');
    assert.equal(firstSentence('At http://host:3000: refused'), 'At http://host:3000: refused');
    assert.equal(firstSentence('. Next'), '. Next', 'a stop at 0 is no sentence');
    assert.equal(firstSentence('.hidden file. Next'), '.hidden file.');
    assert.equal(firstSentence('abcd. efg', 5), 'abcd.');
    assert.equal(firstSentence('abcde. fg', 5), 'ab…');
    assert.equal(firstSentence('abcde', 5), 'abcde');
    assert.equal(firstSentence('abcdef', 5), 'ab…');
    assert.equal(firstSentence(`${'a'.repeat(118)}. b`), `${'a'.repeat(118)}.`);
    assert.equal(firstSentence(`${'a'.repeat(120)}. b`), `${'a'.repeat(117)}…`);
  });
});
