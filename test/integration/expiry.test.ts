// Expiry awareness (tyk.expiryWarningDays): keys expiring within the warning's days are marked in the
// tree, the status bar counts the default connection's expiring and expired keys, and Tyk: Show Expiring
// Keys lists them and opens the one chosen.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestHooks } from './entry';
import { markdownText, plainText } from '../../src/domain/displayText';
import { maskKey } from '../../src/domain/mask';
import { SAMPLE } from '../sandbox/seed';
import { addConnection, apiNodes, chooseAndEnter, labelText, look, serverKey as storeKey, useSandboxSuite, waitFor, waitForStep } from './helpers';

type Node = Parameters<TestHooks['tree']['getChildren']>[0];

const DAY_S = 86_400;

async function keyRows(h: TestHooks, apiName: string): Promise<Map<string, { node: Node; item: vscode.TreeItem }>> {
  const api = (await apiNodes(h)).get(apiName) as Node;
  const keysNode = (await h.tree.getChildren(api)).find((n) => labelText(h.tree.getTreeItem(n).label) === 'Keys');
  assert.ok(keysNode, 'a Keys node');
  const rows = await h.tree.getChildren(keysNode);
  return new Map(rows.map((n) => [labelText(h.tree.getTreeItem(n).label), { node: n, item: h.tree.getTreeItem(n) }]));
}

const tyk = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('tyk');

describe('Expiry awareness: marked in the tree, counted in the status bar, listed by Show Expiring Keys', () => {
  const ctx = useSandboxSuite({ confirm: true });

  beforeEach(async () => {
    await tyk().update('expiryWarningDays', 7, vscode.ConfigurationTarget.Global);
  });

  /** A key stored on the server directly, expiring at `expires` (seconds; -1 never), granting `apis`. */
  const serverKey = (alias: string, expires: number, apis: ReadonlyArray<{ apiId: string; name: string }> = [SAMPLE.petstore]): string =>
    storeKey(ctx.sandbox, alias, { expires }, apis);

  /** Keys expiring in 3 days, tomorrow, in 30 days, never, and one that has just expired (Tyk takes no expiry in the past). */
  const seedKeys = async (): Promise<{ soon: string; tomorrow: string; later: string; never: string; expired: string; now: number }> => {
    const now = Math.floor(Date.now() / 1000);
    const keys = {
      soon: serverKey('exp-soon', now + 3 * DAY_S),
      tomorrow: serverKey('exp-tomorrow', now + DAY_S, [SAMPLE.petstore, SAMPLE.payments]),
      later: serverKey('exp-later', now + 30 * DAY_S),
      never: serverKey('exp-never', -1),
      expired: serverKey('exp-gone', now + 2),
      now,
    };
    await waitFor('the key to expire', () => Date.now() > (now + 2) * 1000, 5000);
    return keys;
  };

  for (const kind of ['dashboard', 'gateway'] as const) {
    it(`${kind}: keys expiring within 7 days are marked (icon, colour, “expires in 3 days”, hover, spoken); later and never-expiring keys are not; expired stay marked`, async () => {
      await addConnection(ctx.h, ctx.sandbox, kind);
      const keys = await seedKeys();
      const rows = await keyRows(ctx.h, 'Petstore');
      const row = (alias: string): ReturnType<typeof look> => {
        const found = rows.get(alias);
        assert.ok(found, `${alias} listed: ${[...rows.keys()].join(', ')}`);
        return look(found.item);
      };
      const iso = (s: number): string => new Date(s * 1000).toISOString();
      assert.deepEqual(row('exp-soon'), {
        icon: 'calendar',
        color: 'list.warningForeground',
        description: `${maskKey(keys.soon)} · expires in 3 days`,
        tooltip: `**exp\\-soon**\n\nKey: \`${maskKey(keys.soon)}\` (masked)\n\nGrants Petstore\n\nState: active, expires in 3 days (on ${iso(keys.now + 3 * DAY_S)})`,
        spoken: 'Key exp-soon, expires in 3 days',
      });
      assert.deepEqual([row('exp-tomorrow').icon, row('exp-tomorrow').description, row('exp-tomorrow').spoken], [
        'calendar',
        `${maskKey(keys.tomorrow)} · expires tomorrow`,
        'Key exp-tomorrow, expires tomorrow',
      ]);
      assert.deepEqual([row('exp-later').icon, row('exp-later').color, row('exp-later').description], ['key', undefined, maskKey(keys.later)], 'in 30 days: not marked');
      assert.deepEqual([row('exp-never').icon, row('exp-never').description], ['key', maskKey(keys.never)], 'never expires: not marked');
      assert.deepEqual([row('exp-gone').icon, row('exp-gone').color, row('exp-gone').description], ['watch', 'list.errorForeground', `${maskKey(keys.expired)} · expired`]);
      // The row's text in the same colour: a file decoration of its resource (expiryDecorations.ts).
      const resource = (alias: string): string | undefined => rows.get(alias)?.item.resourceUri?.toString();
      assert.match(resource('exp-soon') ?? '', /^tyk-expiry:\/expiring\?key/);
      assert.match(resource('exp-gone') ?? '', /^tyk-expiry:\/expired\?key/);
      assert.deepEqual([resource('exp-later'), resource('exp-never')], [undefined, undefined]);

      // The setting, live: 0 turns the mark off (expired keys stay marked), 30 marks the later key too.
      await tyk().update('expiryWarningDays', 0, vscode.ConfigurationTarget.Global);
      let again = await keyRows(ctx.h, 'Petstore');
      assert.deepEqual(look(again.get('exp-soon')?.item ?? {}).description, maskKey(keys.soon), 'off');
      assert.equal(look(again.get('exp-gone')?.item ?? {}).icon, 'watch', 'expired still marked');
      await tyk().update('expiryWarningDays', 30, vscode.ConfigurationTarget.Global);
      again = await keyRows(ctx.h, 'Petstore');
      assert.equal(look(again.get('exp-later')?.item ?? {}).description, `${maskKey(keys.later)} · expires in 30 days`, 'exactly 30 days is within 30');
    });

    it(`${kind}: the status bar counts the default connection’s expiring and expired keys; the count follows revoke, the setting and Refresh`, async () => {
      // On the server before the connection is added (the default then: its keys are read at once).
      await seedKeys();
      await addConnection(ctx.h, ctx.sandbox, kind);
      const sb = ctx.h.statusBar;
      await waitFor('the count', () => sb.expiryVisible && sb.expiryItem.text === '$(warning) 3', 10_000);
      assert.equal(sb.expiryItem.command, 'tyk.showExpiringKeys');
      assert.equal(sb.expiryItem.backgroundColor?.id, 'statusBarItem.warningBackground');
      assert.equal(sb.expiryItem.tooltip, `Sandbox ${kind}: 3 keys expire within 7 days or have expired.\nClick to list them`);
      assert.equal(sb.expiryItem.accessibilityInformation?.label, '3 Tyk keys expiring or expired, show them');
      assert.equal(sb.item.text, `$(key) Tyk: Sandbox ${kind}`, 'the connection’s item is unchanged');
      const hover = sb.item.tooltip;
      assert.ok(hover instanceof vscode.MarkdownString, 'its hover links to the list');
      const url = (kind === 'dashboard' ? ctx.sandbox.dashboardUrl : (ctx.sandbox.gatewayUrl ?? '')).replace(/[:/.]/g, '\\$&');
      assert.equal(
        hover.value,
        `Tyk ${kind === 'dashboard' ? 'Dashboard' : 'Gateway'} at ${url}\n\nClick to switch\n\n[$(warning) Sandbox ${kind}\\: 3 keys expire within 7 days or have expired\\.](command:tyk.showExpiringKeys)`,
      );
      assert.deepEqual(hover.isTrusted, { enabledCommands: ['tyk.showExpiringKeys'] });

      // Revoked here: read again (the key lists are dropped), counted without it.
      const row = (await keyRows(ctx.h, 'Petstore')).get('exp-soon');
      assert.ok(row);
      await vscode.commands.executeCommand('tyk.revokeKey', row.node);
      await waitFor('the count after the revoke', () => sb.expiryItem.text === '$(warning) 2', 10_000);

      // A day's warning: tomorrow's key and the expired one.
      await tyk().update('expiryWarningDays', 1, vscode.ConfigurationTarget.Global);
      await waitFor('the count with 1 day', () => sb.expiryItem.text === '$(warning) 2' && typeof sb.expiryItem.tooltip === 'string' && sb.expiryItem.tooltip.includes('within 1 day '));
      // Off: no count.
      await tyk().update('expiryWarningDays', 0, vscode.ConfigurationTarget.Global);
      await waitFor('no count when off', () => !sb.expiryVisible);
      assert.equal(typeof sb.item.tooltip, 'string', 'the hover has no link when there is no count');
      await tyk().update('expiryWarningDays', 7, vscode.ConfigurationTarget.Global);
      await waitFor('the count again', () => sb.expiryVisible && sb.expiryItem.text === '$(warning) 2');

      // A key expiring soon made elsewhere shows after Refresh.
      serverKey('exp-elsewhere', Math.floor(Date.now() / 1000) + 2 * DAY_S);
      await vscode.commands.executeCommand('tyk.refresh');
      await waitFor('the count after Refresh', () => sb.expiryItem.text === '$(warning) 3', 10_000);
    });
  }

  it('a connection’s name is text in the count’s tooltip and in the hover’s link: no Markdown, no other command', async () => {
    serverKey('exp-hostile', Math.floor(Date.now() / 1000) + DAY_S);
    const name = '**x** [run](command:tyk.revokeKey) <img src=x>';
    await ctx.h.services.store.add({ id: 'test-hostile', name, kind: 'dashboard', url: ctx.sandbox.dashboardUrl }, ctx.sandbox.credential);
    const sb = ctx.h.statusBar;
    await waitFor('the count', () => sb.expiryVisible && sb.expiryItem.text === '$(warning) 1', 10_000);
    // As text: plainText breaks link syntax apart; Markdown punctuation escaped in the hover.
    const shown = `${plainText(name, 60)}: 1 key expires within 7 days or has expired.`;
    assert.equal(sb.expiryItem.tooltip, `${shown}\nClick to list them`);
    const hover = sb.item.tooltip;
    assert.ok(hover instanceof vscode.MarkdownString);
    assert.ok(hover.value.endsWith(`\n\n[$(warning) ${markdownText(shown)}](command:tyk.showExpiringKeys)`), hover.value);
    assert.equal(hover.value.match(/\]\(command:/g)?.length, 1, 'one link: ours');
    assert.deepEqual(hover.isTrusted, { enabledCommands: ['tyk.showExpiringKeys'] });
  });

  it('a connection whose keys cannot be read shows no count and nags nobody: it is logged', async () => {
    await addConnection(ctx.h, ctx.sandbox, 'dashboard', 'not-the-credential');
    serverKey('exp-unseen', Math.floor(Date.now() / 1000) + DAY_S);
    await waitFor('the failure logged', () => ctx.h.logLines.some((l) => l.includes('Could not read the keys of Sandbox dashboard for their expiry')), 10_000);
    assert.equal(ctx.h.statusBar.expiryVisible, false);
    assert.deepEqual([ctx.dialogs.infos, ctx.dialogs.warnings, ctx.dialogs.errors], [[], [], []], 'no notification');
  });

  for (const kind of ['dashboard', 'gateway'] as const) {
    it(`${kind}: Show Expiring Keys lists them by expiry (expired first) with their APIs, and opens the one chosen with Show Key Details`, async () => {
      const keys = await seedKeys();
      await addConnection(ctx.h, ctx.sandbox, kind);
      const running = vscode.commands.executeCommand('tyk.showExpiringKeys');
      const pick = await waitForStep(ctx.h, 1, 'Show Expiring Keys');
      const items = (pick.input as vscode.QuickPick<vscode.QuickPickItem>).items.map((i) => [i.label, i.description, i.detail?.replace(/ · [^·]+$/, '')]);
      assert.deepEqual(items, [
        ['$(watch) exp-gone', 'expired today', `Petstore · ${maskKey(keys.expired)}`],
        ['$(calendar) exp-tomorrow', 'expires tomorrow', `Petstore, Payments API · ${maskKey(keys.tomorrow)}`],
        ['$(calendar) exp-soon', 'expires in 3 days', `Petstore · ${maskKey(keys.soon)}`],
      ]);
      assert.match((pick.input as vscode.QuickPick<vscode.QuickPickItem>).placeholder ?? '', new RegExp(`^Sandbox ${kind}: keys that expire within 7 days or have expired`));
      await chooseAndEnter(pick, ['$(calendar) exp-soon']);
      await running;
      // Show Key Details ran with the key's node: its key view, drawn by its page.
      const connectionId = ctx.h.services.store.list()[0]?.id ?? '';
      const view = await waitFor('the key’s view', () => {
        const v = ctx.h.services.keyViews.viewOf(connectionId, keys.soon);
        return v && v.panel.renders > 0 && v;
      });
      assert.equal(view.details.alias, 'exp-soon');
      assert.equal(view.node.api.name, 'Petstore');
    });
  }

  it('Show Expiring Keys with none says so plainly', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    serverKey('exp-far', Math.floor(Date.now() / 1000) + 60 * DAY_S);
    await vscode.commands.executeCommand('tyk.showExpiringKeys');
    assert.deepEqual(ctx.dialogs.infos, ['No key of Sandbox dashboard expires within 7 days or has expired.']);
  });
});
