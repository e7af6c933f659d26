// Runs the integration suite inside the real VS Code (code-server 4.139.1 = VS Code 1.139.1, offline).
// The extension must be built (dist/extension.js) and the tests compiled (out/). Each test starts its
// own sandbox Tyk inside the extension host.
//   node out/test/integration/run.js [--grep <pattern>]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, runExtensionTests } from '../tools/codeServer';
import { prepareTestExtension } from '../tools/testExtension';

async function main(): Promise<void> {
  const root = repoRoot();
  const grepAt = process.argv.indexOf('--grep');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'tyk-keys-workspace-'));
  fs.writeFileSync(path.join(workspace, 'notes.txt'), 'Tyk key: \n');
  const env: Record<string, string> = {
    TEST_SUITE_NAME: process.env.TEST_SUITE_NAME ?? 'integration',
    TYK_TEST_WORKSPACE: workspace,
  };
  if (process.env.TEST_RESULTS_FILE) {
    env.TEST_RESULTS_FILE = process.env.TEST_RESULTS_FILE;
  }
  if (grepAt >= 0 && process.argv[grepAt + 1]) {
    env.TYK_TEST_GREP = process.argv[grepAt + 1] ?? '';
  }
  try {
    const result = await runExtensionTests({
      extensionDevelopmentPath: await prepareTestExtension(),
      extensionTestsPath: path.join(root, 'out/test/integration/index.js'),
      folder: workspace,
      extensionEnvironment: env,
      timeoutMs: 900_000,
    });
    console.log(`integration suite: exit code ${result.exitCode}${result.timedOut ? ' (timed out)' : ''}`);
    process.exitCode = result.exitCode;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
