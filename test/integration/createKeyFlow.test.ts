// The Create Key flow on its own (src/ui/createKeyFlow.ts, this test's own copy of the module, driven
// through a Ui of its own) with APIs the sandbox does not have: two classic APIs with versions.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TykApi } from '../../src/domain/model';
import { runCreateKeyFlow } from '../../src/ui/createKeyFlow';
import { ScriptedUi, type ActiveInput } from './scriptedUi';
import { pressEnter, sleep, waitFor } from './helpers';

const ui = new ScriptedUi();

function versionedApi(name: string, apiId: string): TykApi {
  return {
    apiId,
    name,
    listenPath: `/${apiId}/`,
    authKind: 'authToken',
    authKinds: ['authToken'],
    keyKind: 'authToken',
    authHeaderName: 'Authorization',
    active: true,
    internal: false,
    isOas: false,
    versions: ['v1', 'v2'],
    defaultVersion: 'v1',
    oasVersions: [],
    protocol: 'http',
    requestable: true,
  };
}

function step(n: number, placeholder?: string): Promise<ActiveInput> {
  return waitFor(`step ${n}${placeholder ? ` saying “${placeholder}”` : ''}`, () => {
    const current = ui.activeInputs.current;
    const shown = current?.kind === 'pick' ? (current.input as vscode.QuickPick<vscode.QuickPickItem>).placeholder : undefined;
    return current?.step === n && current.input.enabled && (!placeholder || shown === placeholder) ? current : undefined;
  });
}

describe('Create Key flow', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeQuickOpen'));

  it('refuses a versioned API left with no version checked, rather than granting its default', async () => {
    const billing = versionedApi('Billing', 'billing0000000000000000000000001');
    const ledger = versionedApi('Ledger', 'ledger00000000000000000000000002');
    const flow = runCreateKeyFlow({ ui, connectionName: 'Test', apis: [billing, ledger], preselected: [billing.apiId, ledger.apiId] });
    await pressEnter();
    const versions = await step(2);
    // v2 of Ledger only: Billing has none.
    const picker = versions.input as vscode.QuickPick<vscode.QuickPickItem & { api?: TykApi }>;
    picker.selectedItems = picker.items.filter((i) => i.label === 'v2' && i.api?.apiId === ledger.apiId);
    await sleep(50); // the selection reaches the workbench before Enter
    await pressEnter();
    const refused = await step(2, 'Check at least one version of Billing');
    const again = refused.input as vscode.QuickPick<vscode.QuickPickItem & { api?: TykApi }>;
    assert.deepEqual(again.selectedItems.map((i) => `${i.api?.name ?? ''} ${i.label}`), ['Ledger v2'], 'what the user checked is kept');
    again.selectedItems = again.items.filter((i) => i.label === 'v2');
    await sleep(50);
    await pressEnter();
    for (const n of [3, 4, 5]) {
      await step(n);
      await pressEnter();
    }
    const choice = await flow;
    assert.deepEqual(
      choice.spec.access.map((a) => [a.apiName, a.versions]),
      [
        ['Billing', ['v2']],
        ['Ledger', ['v2']],
      ],
    );
  });
});
