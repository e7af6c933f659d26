import * as assert from 'node:assert/strict';
import { requestFileText } from '../../../src/domain/requestFile';

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
});
