// Child process of bench.ts (run with --expose-gc): loads a whole Dashboard catalog through the client,
// as the Catalog does, keeps only the resulting TykApi[] and prints the heap retained by it as one JSON
// line on stdout. Input: BENCH_URL and BENCH_CREDENTIAL.
import { createTykClient, type TykApi } from '../../src/tyk';
import type { HeapProbeResult } from './common';

async function settledMemory(gc: NodeJS.GCFunction): Promise<NodeJS.MemoryUsage> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage();
}

async function main(): Promise<void> {
  const gc = globalThis.gc;
  const baseUrl = process.env.BENCH_URL;
  const credential = process.env.BENCH_CREDENTIAL;
  if (!gc || !baseUrl || !credential) {
    throw new Error('run with --expose-gc, BENCH_URL and BENCH_CREDENTIAL');
  }
  const client = createTykClient({ flavor: 'dashboard', baseUrl, credential, timeoutMs: 300_000 });
  // Warm the client (axios's lazy parts, the agent's sockets); what this page makes is garbage.
  await client.listApisPage(1);
  const before = await settledMemory(gc);

  let peak = 0;
  let held: TykApi[] = [];
  const started = performance.now();
  const all = await client.listAllApis({
    // What Catalog.entry() does with each page: the tree shows what has arrived so far.
    onPage: (apis) => {
      held = held.concat(apis);
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    },
  });
  held = [...all];
  const loadMs = performance.now() - started;

  const after = await settledMemory(gc);
  const result: HeapProbeResult = {
    apis: held.length,
    beforeBytes: before.heapUsed,
    afterBytes: after.heapUsed,
    retainedBytes: after.heapUsed - before.heapUsed,
    retainedExternalBytes: after.external + after.arrayBuffers - (before.external + before.arrayBuffers),
    peakDuringLoadBytes: peak,
    loadMs,
  };
  // `held` is read after the measurement, so it is alive during it.
  // The client's keep-alive sockets would hold the process open for a while: exit once written.
  process.stdout.write(`${JSON.stringify({ ...result, apis: held.length })}\n`, () => process.exit(0));
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
