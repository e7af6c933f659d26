// The benchmark's sandbox Tyk, in a process of its own (forked by bench.ts): the server's work (building
// and serialising pages) does not share an event loop with the client being measured, as with a real
// Tyk, and its memory does not count in the client's heap. Driven over the IPC channel:
//   → { id, op: 'start', options }   ← { id, ok: true, result: { url, credential } }
//   → { id, op: 'setLatency', ms }   → { id, op: 'reset' }   → { id, op: 'lastRequest' } (headers and body)
//   → { id, op: 'requestLines' } ("GET /api/apis?p=1"… since the last reset)   → { id, op: 'stop' }
//   → { id, op: 'createKeys', count, grantEvery, apiId } (keys straight into the store; every grantEvery-th
//     grants apiId, the others another API)   → { id, op: 'clearRequests' }
// With `options.gateway`, a Gateway front too: start answers { url, credential, gatewayUrl, gatewaySecret }.
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server';

export interface HostRequest {
  id: number;
  op: 'start' | 'setLatency' | 'reset' | 'lastRequest' | 'requestLines' | 'stop' | 'createKeys' | 'clearRequests';
  options?: Pick<SandboxOptions, 'apis' | 'definitionBytes' | 'latencyMs'> & { gateway?: boolean };
  ms?: number;
  keys?: { count: number; grantEvery: number; apiId: string; otherApiId: string };
}

export interface HostReply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

let sandbox: Sandbox | undefined;

async function handle(req: HostRequest): Promise<unknown> {
  switch (req.op) {
    case 'start':
      await sandbox?.close();
      sandbox = await startSandbox({ ...req.options, gatewayPort: req.options?.gateway ? 0 : null, quiet: true });
      return { url: sandbox.dashboardUrl, credential: sandbox.credential, gatewayUrl: sandbox.gatewayUrl, gatewaySecret: sandbox.gatewaySecret };
    case 'createKeys': {
      const k = req.keys ?? { count: 0, grantEvery: 1, apiId: '', otherApiId: '' };
      for (let i = 0; i < k.count; i++) {
        const apiId = i % k.grantEvery === 0 ? k.apiId : k.otherApiId;
        sandbox?.createKey({ org_id: sandbox.orgId, access_rights: { [apiId]: { api_id: apiId, versions: ['Default'] } } });
      }
      return null;
    }
    case 'clearRequests':
      sandbox?.requests.splice(0);
      return null;
    case 'setLatency':
      sandbox?.setLatency(req.ms ?? 0);
      return null;
    case 'reset':
      sandbox?.reset();
      return null;
    case 'lastRequest': {
      const last = sandbox?.requests[sandbox.requests.length - 1];
      return last ? { headers: last.headers, body: last.body } : null;
    }
    case 'requestLines':
      return sandbox?.requests.map((r) => `${r.method} ${r.url}`) ?? [];
    case 'stop':
      await sandbox?.close();
      sandbox = undefined;
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (message: HostRequest) => {
  handle(message).then(
    (result) => process.send?.({ id: message.id, ok: true, result } satisfies HostReply),
    (err: unknown) => process.send?.({ id: message.id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies HostReply),
  );
});

// The parent went away: do not linger.
process.on('disconnect', () => process.exit(0));
