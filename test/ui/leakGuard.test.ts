// As a person, in a real VS Code whose workspace is a git repository: a key about to go into deploy.sh
// (committed) stops at a modal question — the file is tracked by git, the key one commit away from a
// leak. "Insert into .env Instead" puts the key in .env, offers to add .env to .gitignore, and writes
// the curl line with $TYK_KEY_… in deploy.sh; git then ignores .env.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { parse } from 'dotenv';
import { SandboxMark, connect, waitForEditorLines, waitForNotification } from './flows';
import { STEP, useUiSession } from './workbench';

describe('UI: the leak guard — a key for a file git tracks (as a person)', function () {
  this.timeout(120_000);
  const session = useUiSession({
    files: { 'deploy.sh': '#!/bin/sh\n' },
    settings: { 'tyk.insertFormat': 'curl' },
    git: {},
  });

  it('asks before writing the key into deploy.sh; .env instead: the key in .env (then ignored), $TYK_KEY_… in the curl line', async () => {
    const { workbench: wb, sandbox, workspace } = session();
    const qi = wb.quickInput;
    const connection = await connect(wb, { kind: 'Tyk Dashboard', url: sandbox.dashboardUrl, credential: sandbox.credential, from: 'welcome' });
    await wb.expandTreeRow(connection);
    await wb.openFile('deploy.sh');
    await wb.keyboard.press('Control+End');

    const mark = new SandboxMark(sandbox);
    await wb.contextMenu(wb.treeRow('Petstore'), 'Create Key…');
    for (const step of ['(1)', '(2/4)', '(3/4)', '(4/4)']) {
      await qi.waitFor(step, { rows: step !== '(4/4)' });
      await wb.keyboard.press('Enter');
    }
    const created = await mark.oneNewKey();

    const question = await wb.dialog.waitFor(STEP);
    assert.match(question.message, /deploy\.sh is tracked by git \(in a repository, not ignored\): the key would be one commit away from a leak/);
    assert.match(question.detail, /Insert into \.env Instead puts the key in \.env/);
    // In the order the platform draws them (on Linux the primary button last).
    assert.deepEqual([...question.buttons].sort(), ['Cancel', 'Insert Anyway', 'Insert into .env Instead']);
    assert.deepEqual(await wb.dialog.defaultButton(), { primary: ['Insert into .env Instead'], focused: ['Insert into .env Instead'] }, 'the safe answer is the default');
    await wb.docScreenshot('leak-guard.png');

    await wb.dialog.click('Insert into .env Instead', { another: true });
    const ignore = await wb.dialog.read();
    assert.match(ignore.message, /Git does not ignore \.env: a commit would still publish the key/);
    await wb.dialog.click('Add to .gitignore');

    const lines = await waitForEditorLines(wb, 'the curl line reading the variable', (l) => l.some((line) => line.startsWith('curl ')));
    const curl = lines.find((line) => line.startsWith('curl ')) ?? '';
    const name = /\$(TYK_KEY_\w+)"/.exec(curl)?.[1] ?? '';
    assert.match(name, /^TYK_KEY_PETSTORE/, curl);
    assert.equal(curl, `curl -H "Authorization: $${name}" http://localhost:8080/petstore/`);
    assert.ok(!lines.join('\n').includes(created.key), 'the key is not in deploy.sh');
    assert.deepEqual(parse(session().readWorkspaceFile('.env')), { [name]: created.key }, '.env holds the key');
    assert.equal(session().readWorkspaceFile('.gitignore'), '.env\n');
    // git itself says .env is ignored (check-ignore exits 0).
    execFileSync('git', ['check-ignore', '-q', path.join(workspace, '.env')], { cwd: workspace });
    await waitForNotification(wb, new RegExp(`Key created for Petstore and put in \\.env as ${name}, and a reference to it inserted at the cursor`));
  });
});
