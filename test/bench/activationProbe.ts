// Runs inside the real VS Code (code-server) as the extensionTestsPath of bench.ts's activation runs.
// After activating a primer (an empty extension, not counted), it measures an empty extension, ours, and
// the empty extension again (a second copy), each as performance.now() around
// `vscode.extensions.getExtension(id).activate()` (= the extension host loading the code + `activate()`),
// checking that none was active before, then prints one line `BENCH_ACTIVATION {json}` on the log.
// Environment: BENCH_SETTLE_MS (the wait for the window to settle before measuring, default 3000).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ACTIVATION_RESULT_PREFIX, EMPTY_IDS, OURS_ID, PRIMER_ID, type ActivationMeasurement, type ActivationProbeResult } from './common';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function measure(id: string): Promise<ActivationMeasurement> {
  const ext = vscode.extensions.getExtension(id);
  if (!ext) {
    return { id, found: false, activeBefore: false, ms: NaN };
  }
  const activeBefore = ext.isActive;
  const started = performance.now();
  try {
    await ext.activate();
    return { id, found: true, activeBefore, ms: performance.now() - started };
  } catch (e) {
    return { id, found: true, activeBefore, ms: NaN, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Files named `name` under `dir`, depth-first, at most `depth` levels down. */
function findFiles(dir: string, name: string, depth: number): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && entry.name === name) {
      out.push(full);
    } else if (entry.isDirectory() && depth > 0) {
      out.push(...findFiles(full, name, depth - 1));
    }
  }
  return out;
}

/**
 * The extension logs "Tyk Keys activated in N ms" to its LogOutputChannel, which VS Code writes to
 * <user data>/logs/<session>/…/Tyk.log. The harness gives code-server TMPDIR=<its temp root>/tmp, so the
 * user data folder is <temp root>/user-data.
 */
async function selfReported(): Promise<{ ms: number; file: string } | undefined> {
  const roots = [path.join(path.dirname(os.tmpdir()), 'user-data', 'logs')];
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    for (const root of roots) {
      for (const file of findFiles(root, 'Tyk.log', 6)) {
        const match = /Tyk Keys activated in ([\d.]+) ms/.exec(fs.readFileSync(file, 'utf8'));
        if (match) {
          return { ms: Number(match[1]), file };
        }
      }
    }
    await sleep(200);
  }
  return undefined;
}

export async function run(): Promise<void> {
  const order = [EMPTY_IDS[0], OURS_ID, EMPTY_IDS[1]];
  // Let the window finish starting (built-in extensions activating on startup) before measuring.
  await sleep(Number(process.env.BENCH_SETTLE_MS ?? '3000'));
  const primer = await measure(PRIMER_ID);
  await sleep(500);
  const measurements: ActivationMeasurement[] = [];
  for (const id of order) {
    measurements.push(await measure(id));
    // Let what this activation started (tree view, status bar: messages to the window) settle.
    await sleep(500);
  }
  const reported = await selfReported();
  const result: ActivationProbeResult = {
    vscodeVersion: vscode.version,
    nodeVersion: process.version,
    measurements,
    primer,
    ...(reported ? { selfReportedMs: reported.ms, selfReportedFrom: reported.file } : {}),
  };
  console.log(`${ACTIVATION_RESULT_PREFIX}${JSON.stringify(result)}`);
}
