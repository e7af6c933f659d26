// The `keyview` section of `npm run bench` (issue 16: the key view is shown ≤ 2 round trips after the
// command): runs test/bench/keyViewProbe.ts in the real VS Code (code-server, the integration suite's test
// extension) and reports the sandbox requests between Tyk: Show Key Details and the page's first render.
// No vscode import here: bench.ts runs in plain Node.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runExtensionTests } from '../tools/codeServer';
import { prepareTestExtension } from '../tools/testExtension';

export const KEYVIEW_RESULT_PREFIX = 'BENCH_KEYVIEW ';

export interface KeyViewRun {
  /** The sandbox's requests from the command to the first render: `METHOD path`. */
  requests: string[];
  ms: number;
  title: string;
}

/** One bench row: the most requests of any run, against the target of 2. */
export async function benchKeyView(
  root: string,
  o: { runs: number; latencyMs: number; verbose: boolean },
): Promise<Array<{ what: string; ours: string; baseline: string; value: string; target: string; pass?: boolean }>> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'tyk-keys-bench-keyview-'));
  let runs: KeyViewRun[] | undefined;
  const lines: string[] = [];
  try {
    const outcome = await runExtensionTests({
      extensionDevelopmentPath: await prepareTestExtension(),
      extensionTestsPath: path.join(root, 'out', 'test', 'bench', 'keyViewProbe.js'),
      folder: workspace,
      extensionEnvironment: { BENCH_RUNS: String(o.runs), BENCH_LATENCY_MS: String(o.latencyMs) },
      timeoutMs: 300_000,
      onLog: (line) => {
        lines.push(line);
        const at = line.indexOf(KEYVIEW_RESULT_PREFIX);
        if (at >= 0) {
          runs = JSON.parse(line.slice(at + KEYVIEW_RESULT_PREFIX.length)) as KeyViewRun[];
        } else if (o.verbose) {
          process.stderr.write(`  [vscode] ${line}\n`);
        }
      },
    });
    if (!runs || runs.length === 0) {
      throw new Error(`the key view probe reported nothing (exit ${outcome.exitCode}${outcome.timedOut ? ', timed out' : ''}):\n${lines.slice(-40).join('\n')}`);
    }
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  const most = Math.max(...runs.map((r) => r.requests.length));
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? NaN;
  const requests = [...new Set(runs.flatMap((r) => r.requests))].join(', ');
  return [
    {
      what: `key view: requests from Show Key Details to the page's first render (${runs.length} runs; ${requests})`,
      ours: `${most} request${most === 1 ? '' : 's'}; ${ms.toFixed(0)} ms (median)`,
      baseline: '–',
      value: `${most} round trip${most === 1 ? '' : 's'}`,
      target: '≤ 2 round trips',
      pass: most <= 2,
    },
  ];
}
