import * as assert from 'node:assert/strict';
import { requestFileProblem, requestFileText } from '../../../src/domain/requestFile';

describe('domain/requestFile', () => {
  it('writes a REST Client request with the key variable and the API’s header', () => {
    const { text, keyOffset } = requestFileText('https://gw.example.com/', { name: 'Geo', listenPath: '/geo/', authHeaderName: 'X-Api-Key' });
    assert.ok(text.slice(0, keyOffset).endsWith('@tykKey = '));
    assert.match(text, /\nGET https:\/\/gw\.example\.com\/geo\/\nX-Api-Key: \{\{tykKey\}\}\n$/);
  });

  it('without an API, a placeholder path and the Authorization header', () => {
    const { text } = requestFileText('http://localhost:8080', undefined);
    assert.match(text, /GET http:\/\/localhost:8080\/your-api\/\nAuthorization: \{\{tykKey\}\}/);
  });

  it('refuses what would add a line or a header: CR/LF or a non-token header name, a bad listen path, a control character in the address', () => {
    const api = { name: 'Geo', listenPath: '/geo/', authHeaderName: 'X-Api-Key' };
    assert.throws(() => requestFileText('https://gw.example.com', { ...api, authHeaderName: 'X-Api-Key\r\nX-Injected: 1' }), /is not a valid HTTP header name/);
    assert.throws(() => requestFileText('https://gw.example.com', { ...api, authHeaderName: 'X Api' }), /is not a valid HTTP header name/);
    assert.throws(() => requestFileText('https://gw.example.com', { ...api, listenPath: '/geo/\r\nDELETE /x' }), /cannot appear in a URL path/);
    assert.throws(() => requestFileText('https://gw.example.com\r\nX: y', api), /control characters/);
  });

  it('requestFileProblem says why before anything is written, with the message requestFileText throws', () => {
    const api = { name: 'Geo', listenPath: '/geo/', authHeaderName: 'X-Api-Key' };
    assert.equal(requestFileProblem('https://gw.example.com', api), undefined);
    assert.equal(requestFileProblem('https://gw.example.com', undefined), undefined, 'the placeholder request');
    assert.equal(requestFileProblem('https://gw.example.com', { ...api, listenPath: '', authHeaderName: '' }), undefined, 'blank: the placeholder path, Authorization');
    const cases: Array<[string, typeof api, RegExp]> = [
      ['https://gw.example.com', { ...api, authHeaderName: 'X Api' }, /^The header name “X Api” is not a valid HTTP header name/],
      ['https://gw.example.com', { ...api, listenPath: '/{id}/' }, /^The listen path “\/\{id\}\/” has characters that cannot appear in a URL path/],
      ['https://gw.example.com\u2028', api, /^The Gateway address “https:\/\/gw\.example\.com ?” has control characters or line breaks/],
      ['https://gw.example.com\n', { ...api, authHeaderName: 'X Api', listenPath: '/a b/' }, /^The header name/],
      ['https://gw.example.com\n', { ...api, listenPath: '/a b/' }, /^The listen path/],
    ];
    for (const [base, which, why] of cases) {
      const problem = requestFileProblem(base, which);
      assert.match(problem ?? '', why, JSON.stringify([base, which]));
      assert.throws(() => requestFileText(base, which), (e: Error) => e.message === problem);
    }
  });

  it('an API name with line breaks stays in its comment line', () => {
    const { text } = requestFileText('https://gw.example.com', { name: 'Geo\r\nGET https://evil.example', listenPath: '/geo/', authHeaderName: 'X-Api-Key' });
    assert.equal(text.split('\n').filter((l) => l.startsWith('GET ')).length, 1, text);
  });

  it('a basic-auth API’s name with line breaks stays in its comment line too', () => {
    for (const bad of ['\r\n', '\n', '\u2028', '\x85']) {
      const { text } = requestFileText('https://gw.example.com', { name: `Geo${bad}GET https://evil.example`, listenPath: '/geo/', authHeaderName: 'Authorization', keyKind: 'basic' });
      assert.deepEqual(
        text.split('\n').filter((l) => !l.startsWith('#')),
        ['', '', 'GET https://gw.example.com/geo/', 'Authorization: Basic {{tykUser}}:{{tykPassword}}', ''],
        JSON.stringify(bad),
      );
    }
  });
});

describe('domain/requestFile: the exact text', () => {
  it('names the API, the header, the URL; the key goes right after "@tykKey = "', () => {
    const { text, keyOffset } = requestFileText('http://gw:8080/', { name: 'Pets', listenPath: '/pets/', authHeaderName: 'X-Key' });
    assert.equal(
      text,
      '# Calls Pets through your Tyk Gateway. Put a key on the next line:\n' +
        '# Tyk: Create Key… or Tyk: Insert Saved Key… inserts it at the cursor. Send with REST Client.\n' +
        '@tykKey = \n\nGET http://gw:8080/pets/\nX-Key: {{tykKey}}\n',
    );
    assert.equal(text.slice(keyOffset - '@tykKey = '.length, keyOffset), '@tykKey = ');
    const blank = requestFileText('http://gw:8080', { name: 'Pets', listenPath: '', authHeaderName: '' }).text;
    assert.match(blank, /\nGET http:\/\/gw:8080\/your-api\/\nAuthorization: \{\{tykKey\}\}\n$/);
    assert.match(requestFileText('http://gw:8080', undefined).text, /^# Calls an API through your Tyk Gateway\. Put a key on the next line:\n/);
  });
});
