// Runs inside the real VS Code (code-server) as the extensionTestsPath of the `keyview` bench section
// (test/bench/keyView.ts), with the integration suite's test extension (its hooks): a sandbox Tyk with a
// latency, a Dashboard connection, a key listed in the tree; then, per run, Tyk: Show Key Details on the
// key's node, counting the sandbox's requests from the command to the page's first render (the page
// posts back once it has drawn). Prints one line `BENCH_KEYVIEW {json}` on the log.
import * as vscode from 'vscode';
import { addConnection, apiNodes, hooks, labelText, waitFor } from '../integration/helpers';
import { startSandbox } from '../sandbox/server';
import { SAMPLE } from '../sandbox/seed';
import { KEYVIEW_RESULT_PREFIX, type KeyViewRun } from './keyView';

export async function run(): Promise<void> {
  const h = await hooks();
  const sandbox = await startSandbox({ quiet: true });
  try {
    sandbox.setLatency(Number(process.env.BENCH_LATENCY_MS ?? '20'));
    await addConnection(h, sandbox);
    const stored = sandbox.createKey({
      org_id: sandbox.orgId,
      alias: 'bench-key',
      rate: 100,
      per: 60,
      quota_max: 1000,
      quota_renewal_rate: 3600,
      access_rights: { [SAMPLE.petstore.apiId]: { api_id: SAMPLE.petstore.apiId, api_name: SAMPLE.petstore.name, versions: ['Default'] } },
    });
    // As a person gets there: the connection, Petstore, its Keys (the tree's reads are not counted).
    const petstore = (await apiNodes(h)).get('Petstore') as Parameters<typeof h.tree.getChildren>[0];
    const keysNode = (await h.tree.getChildren(petstore)).find((n) => labelText(h.tree.getTreeItem(n).label) === 'Keys');
    const node = (await h.tree.getChildren(keysNode)).find((n) => labelText(h.tree.getTreeItem(n).label) === 'bench-key') as { connection: { id: string }; listedId: string } | undefined;
    if (!node) {
      throw new Error(`the key is not listed (${stored.hash})`);
    }
    const runs: KeyViewRun[] = [];
    for (let i = 0; i < Number(process.env.BENCH_RUNS ?? '3'); i++) {
      h.services.keyViews.viewOf(node.connection.id, node.listedId)?.panel.dispose();
      const from = sandbox.requests.length;
      const started = performance.now();
      await vscode.commands.executeCommand('tyk.showKeyDetails', node);
      const view = await waitFor('the first render', () => {
        const v = h.services.keyViews.viewOf(node.connection.id, node.listedId);
        return v && v.panel.renders > 0 && v;
      }, 30_000);
      const ms = performance.now() - started;
      const requests = sandbox.requests.slice(from).map((r) => `${r.method} ${r.url.replace(/[0-9a-f]{24,}/g, '<id>')}`);
      runs.push({ requests, ms, title: view.panel.shown?.title ?? '' });
    }
    console.log(`${KEYVIEW_RESULT_PREFIX}${JSON.stringify(runs)}`);
  } finally {
    await sandbox.close();
  }
}
