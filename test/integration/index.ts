// The integration suite's entry point, loaded by VS Code's extension host (code-server here,
// @vscode/test-electron elsewhere): runs every out/test/integration/**/*.test.js with mocha.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return testFiles(full);
    }
    return entry.name.endsWith('.test.js') ? [full] : [];
  });
}

export function run(): Promise<void> {
  const reporter = path.resolve(__dirname, '../tools/countingReporter.js');
  const mocha = new Mocha({ ui: 'bdd', timeout: 20_000, color: false, reporter });
  const grep = process.env.TYK_TEST_GREP;
  if (grep) {
    mocha.grep(grep);
  }
  for (const file of testFiles(__dirname).sort()) {
    mocha.addFile(file);
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
