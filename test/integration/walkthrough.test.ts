// The walkthrough: its steps, their media and commands; the request file of its last step.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { localize, readNls, readRawManifest } from '../tools/readmeTables';
import { addConnection, apiNodes, closeAllEditors, useSandboxSuite } from './helpers';

interface Walkthrough {
  id: string;
  steps: Array<{ id: string; description: string; media: { markdown?: string }; completionEvents?: string[] }>;
}

describe('Walkthrough', () => {
  const ctx = useSandboxSuite();
  const root = path.resolve(__dirname, '../../..');
  // As VS Code shows it: the `%key%`s of package.json resolved through package.nls.json.
  const manifest = localize(readRawManifest(), readNls()) as { contributes: { walkthroughs: Walkthrough[] } };

  it('connects, creates a first key, and calls the API from a .http file; every step’s media and command exist', async () => {
    const [walkthrough] = manifest.contributes.walkthroughs;
    assert.deepEqual(walkthrough?.steps.map((s) => s.id), ['connect', 'createKey', 'callApi']);
    const commands = await vscode.commands.getCommands(true);
    for (const step of walkthrough?.steps ?? []) {
      assert.match(step.description, /\(command:[\w.]+\)/, `${step.id}: its description links to a command`);
      assert.ok(step.media.markdown && fs.existsSync(path.join(root, step.media.markdown)), `${step.id}: ${step.media.markdown ?? 'no media'}`);
      for (const [, command] of step.description.matchAll(/\(command:([\w.]+)\)/g)) {
        assert.ok(commands.includes(command ?? ''), `${step.id} links to a registered command: ${command ?? ''}`);
      }
    }
  });

  it('New .http File: a request to the API through the Gateway, the cursor where the key goes', async () => {
    await addConnection(ctx.h, ctx.sandbox, 'gateway');
    const geo = (await apiNodes(ctx.h)).get('Geo Lookup');
    assert.ok(geo);
    await closeAllEditors();
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('tyk.newRequestFile', geo);
    const text = doc.getText();
    assert.match(text, new RegExp(`GET ${ctx.sandbox.gatewayUrl ?? ''}/geo/\\nX-Api-Key: \\{\\{tykKey\\}\\}`));
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document, doc);
    const cursor = doc.offsetAt(editor.selection.active);
    assert.ok(text.slice(0, cursor).endsWith('@tykKey = '), 'the cursor waits after @tykKey = ');
  });
});
