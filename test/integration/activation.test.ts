// The extension in the real VS Code: it activates, and its commands are the ones package.json declares.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { readManifest } from '../tools/readmeTables';
import { extension, manifest } from './helpers';

describe('activation', () => {
  it('activates without touching the network and reports its activation time', async () => {
    const ext = extension();
    const api = await ext.activate();
    assert.ok(ext.isActive);
    const { activationMs } = await api.hooks();
    assert.ok(activationMs >= 0 && activationMs < 2000, `activation took ${activationMs} ms`);
  });

  it('registers every contributed command, and declares every command it registers', async () => {
    await extension().activate();
    const declared = manifest().contributes.commands.map((c) => c.command).sort();
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('tyk.') && !c.startsWith('tyk.apis.')) // the view's own focus/toggle commands
      .sort();
    assert.deepEqual(registered, declared);
  });
});

describe('localisation', () => {
  it('VS Code reads package.json’s strings from package.nls.json: the English titles, no %key% left', () => {
    const loaded = extension().packageJSON as { displayName: string; contributes: { commands: Array<{ command: string; title: string; category: string }> } };
    const english = readManifest();
    assert.equal(loaded.displayName, 'Tyk Keys');
    assert.deepEqual(
      loaded.contributes.commands.map((c) => [c.command, c.title, c.category]),
      english.contributes.commands.map((c) => [c.command, c.title, c.category]),
    );
    assert.ok(english.contributes.commands.every((c) => !/%/.test(c.title)), 'the titles are texts');
  });

  it('@vscode/l10n (what src/tyk and src/domain translate with) formats English messages exactly as vscode.l10n.t does', () => {
    const cases: Array<[string, ...Array<string | number | boolean>]> = [
      ['Removed {0}.', 'Staging'],
      ['A file variable for REST Client (.http): use it as {{tykKey}}'],
      ['{0} and {1} more APIs', 'Petstore', 2],
      ['{1} before {0}, {0} again', 'a', true],
      ['{0} and {1}', 'only one'],
    ];
    for (const [message, ...args] of cases) {
      assert.equal(l10n.t(message, ...args), vscode.l10n.t(message, ...args), message);
    }
    assert.equal(l10n.t('Removed {0}.', 'Staging'), 'Removed Staging.');
  });
});

describe('the Tyk log', () => {
  it('writes each line at its level to one log channel (whose own level VS Code applies), redacted', async () => {
    const h = await extension()
      .activate()
      .then((api) => api.hooks());
    h.services.log.redactor.addCredential('s3cret-credential');
    h.services.log.debug('a debug line');
    h.services.log.warn('a warning with s3cret-credential in it');
    assert.ok(h.logLines.includes('[debug] a debug line'), 'debug lines go to the channel’s debug');
    assert.ok(h.logLines.includes('[warn] a warning with «redacted» in it'), 'redacted before the channel sees it');
    assert.ok(!h.logLines.join('\n').includes('s3cret-credential'));
  });
});
