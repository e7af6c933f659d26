// src/domain/devConnections.ts: what `npm start` hands the extension in TYK_KEYS_DEV_CONNECTIONS.
import * as assert from 'node:assert/strict';
import { parseDevConnections } from '../../../src/domain/devConnections';

const dashboard = { name: 'Tyk sandbox (Dashboard)', kind: 'dashboard', url: 'http://localhost:41234', credential: 'c', gatewayUrl: 'http://localhost:41235' };
const gateway = { name: 'Tyk sandbox (Gateway)', kind: 'gateway', url: 'http://localhost:41235', credential: 's' };

describe('domain/devConnections', () => {
  it('keeps a Dashboard with the Gateway that serves its APIs, and a Gateway', () => {
    assert.deepEqual(parseDevConnections(JSON.stringify([dashboard, gateway])), [dashboard, gateway]);
  });

  it('drops items of another shape and keeps the rest', () => {
    const bad = [
      { ...gateway, kind: 'other' },
      { ...gateway, url: 8080 },
      { ...dashboard, gatewayUrl: 8080 },
      { name: 'no credential', kind: 'gateway', url: 'http://x' },
      null,
      'text',
    ];
    assert.deepEqual(parseDevConnections(JSON.stringify([...bad, gateway])), [gateway]);
  });

  it('gives none for nothing, text that is not JSON, or JSON that is not a list', () => {
    for (const raw of [undefined, '', '{', '{"name":"x"}', '42']) {
      assert.deepEqual(parseDevConnections(raw), [], String(raw));
    }
  });
});
