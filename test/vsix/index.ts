// Entry point of the suite that runs inside VS Code against the INSTALLED .vsix (see run.ts): loaded by
// the extension host as extensionTestsPath, it runs installed.test.js with mocha. (package.test.js runs
// in run.ts's own process, not here.)
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const reporter = path.resolve(__dirname, '../tools/countingReporter.js');
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter });
  mocha.addFile(path.join(__dirname, 'installed.test.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) of the installed .vsix failed`)) : resolve()));
  });
}
