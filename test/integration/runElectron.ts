// The same integration suite under @vscode/test-electron, for machines that can download VS Code
// (`npm run test:electron`; not run in CI here, where only the npm registry is reachable).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { prepareTestExtension } from '../tools/testExtension';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../../..');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'tyk-keys-workspace-'));
  fs.writeFileSync(path.join(workspace, 'notes.txt'), 'Tyk key: \n');
  try {
    await runTests({
      version: '1.95.0',
      extensionDevelopmentPath: await prepareTestExtension(),
      extensionTestsPath: path.join(root, 'out/test/integration/index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
      extensionTestsEnv: { TYK_TEST_WORKSPACE: workspace, TEST_SUITE_NAME: 'integration (electron)' },
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
