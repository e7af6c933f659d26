// The extension in the real VS Code: it activates, and its commands are the ones package.json declares.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { defaultTranslate } from '../../src/tyk/l10n';
import { readManifest } from '../tools/readmeTables';
import { extension, manifest } from './helpers';

describe('activation', () => {
  it('activates without touching the network and reports its activation time', async () => {
    const ext = extension();
    const api = await ext.activate();
    assert.ok(ext.isActive);
    assert.ok(api.testing, 'test hooks are on in the test host');
    assert.ok(api.testing.activationMs >= 0 && api.testing.activationMs < 2000, `activation took ${api.testing.activationMs} ms`);
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

  it('src/tyk’s translation seam formats its English messages exactly as vscode.l10n.t does', () => {
    const cases: Array<[string, ...Array<string | number | boolean>]> = [
      ['Removed {0}.', 'Staging'],
      ['A file variable for REST Client (.http): use it as {{tykKey}}'],
      ['{0} and {1} more APIs', 'Petstore', 2],
      ['{1} before {0}, {0} again', 'a', true],
      ['{0} and {1}', 'only one'],
    ];
    for (const [message, ...args] of cases) {
      assert.equal(defaultTranslate(message, ...args), vscode.l10n.t(message, ...args), message);
    }
    assert.equal(defaultTranslate('Removed {0}.', 'Staging'), 'Removed Staging.');
  });
});

describe('the Tyk log', () => {
  it('honours tyk.log.level: debug lines only when asked, and nothing at all when off', async () => {
    const { services } = await extension().activate().then((api) => {
      assert.ok(api.testing);
      return api.testing;
    });
    const config = vscode.workspace.getConfiguration('tyk');
    const before = config.inspect('log.level')?.globalValue;
    try {
      await config.update('log.level', 'info', vscode.ConfigurationTarget.Global);
      services.log.debug('a debug line at info');
      services.log.info('an info line at info');
      await config.update('log.level', 'off', vscode.ConfigurationTarget.Global);
      services.log.error('an error line when off');
      await config.update('log.level', 'debug', vscode.ConfigurationTarget.Global);
      services.log.debug('a debug line at debug');
      const recent = services.log.recent.join('\n');
      assert.ok(!recent.includes('a debug line at info'));
      assert.ok(recent.includes('an info line at info'));
      assert.ok(!recent.includes('an error line when off'));
      assert.ok(recent.includes('a debug line at debug'));
    } finally {
      await config.update('log.level', before, vscode.ConfigurationTarget.Global);
    }
  });
});
