// The Create Key flow on its own (src/ui/createKeyFlow.ts, this test's own copy of the module, driven
// through a Ui of its own) with APIs the sandbox does not have: two classic APIs with versions.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TykApi, TykPolicy } from '../../src/domain/model';
import { runCreateKeyFlow } from '../../src/ui/createKeyFlow';
import { ScriptedUi, type ActiveInput } from './scriptedUi';
import { pressEnter, sleep, waitFor } from './helpers';

const ui = new ScriptedUi();

function versionedApi(name: string, apiId: string): TykApi {
  return { ...plainApi(name, apiId), isOas: false, versions: ['v1', 'v2'], defaultVersion: 'v1' };
}

/** A Tyk OAS API: no versions step. */
function plainApi(name: string, apiId: string): TykApi {
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
    isOas: true,
    versions: ['Default'],
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

/** Presses Enter at each step until the flow ends; the step counter each step showed, as `(n/N)` or `(n)`. */
async function counters(flow: Promise<unknown>, steps: number): Promise<string[]> {
  const seen: string[] = [];
  for (let n = 1; n <= steps; n++) {
    const shown = await step(n);
    seen.push(shown.totalSteps === undefined ? `(${n})` : `(${n}/${shown.totalSteps})`);
    await pressEnter();
  }
  await flow;
  return seen;
}

describe('Create Key flow', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeQuickOpen'));

  it('shows a total only once no answer left can change it, and then never another', async () => {
    const petstore = plainApi('Petstore', 'petstore000000000000000000000001');
    const billing = versionedApi('Billing', 'billing0000000000000000000000001');
    // Petstore alone is four steps, Billing five (its versions): the APIs step cannot say yet.
    const both = runCreateKeyFlow({ ui, connectionName: 'Test', apis: [petstore, billing], preselected: [billing.apiId] });
    assert.deepEqual(await counters(both, 5), ['(1)', '(2/5)', '(3/5)', '(4/5)', '(5/5)']);
    // Every choice of these APIs is four steps: said from the first.
    const other = plainApi('Orders', 'orders00000000000000000000000001');
    const plain = runCreateKeyFlow({ ui, connectionName: 'Test', apis: [petstore, other], preselected: [petstore.apiId] });
    assert.deepEqual(await counters(plain, 4), ['(1/4)', '(2/4)', '(3/4)', '(4/4)']);
  });

  it('a prompt of its own shows no step counter', async () => {
    const petstore = plainApi('Petstore', 'petstore000000000000000000000001');
    const policy: TykPolicy = { id: 'gold', name: 'Gold', active: true, apis: [{ apiId: petstore.apiId }], tags: [] };
    const flow = runCreateKeyFlow({ ui, connectionName: 'Test', apis: [petstore], policy });
    const alias = await waitFor('the alias', () => (ui.activeInputs.current?.kind === 'input' && ui.activeInputs.current.input.enabled ? ui.activeInputs.current : undefined));
    assert.deepEqual([alias.title, alias.step, alias.totalSteps], ['Create a Tyk key · Test', undefined, undefined], 'no “(1/1)”');
    await pressEnter();
    assert.deepEqual((await flow).spec.policies, ['gold']);
  });

  it('Enter with nothing checked says how to check one where the placeholder was; the title stays as it was', async () => {
    const petstore = plainApi('Petstore', 'petstore000000000000000000000001');
    const other = plainApi('Orders', 'orders00000000000000000000000001');
    const flow = runCreateKeyFlow({ ui, connectionName: 'Test', apis: [petstore, other] });
    const apis = await step(1);
    const picker = apis.input as vscode.QuickPick<vscode.QuickPickItem>;
    const title = picker.title;
    await pressEnter();
    const told = 'Check an item first: ↓ to highlight it, Space to check it.';
    await waitFor('the reason', () => picker.placeholder === told);
    assert.deepEqual([picker.title, picker.step, picker.totalSteps], [title, 1, 4], 'the title and the counter are unchanged');
    // A filter that hides the placeholder is cleared, so that the reason shows.
    picker.value = 'no such API';
    await sleep(50);
    await pressEnter();
    await waitFor('the filter cleared', () => picker.value === '');
    assert.equal(picker.placeholder, told);
    assert.equal(ui.activeInputs.current?.input, picker, 'still the same step');
    picker.selectedItems = picker.items.filter((i) => i.label === 'Orders');
    await sleep(50);
    await pressEnter();
    for (const n of [2, 3, 4]) {
      await step(n);
      await pressEnter();
    }
    assert.deepEqual((await flow).apis.map((a) => a.name), ['Orders']);
  });

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
