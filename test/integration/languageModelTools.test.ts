// The chat tools, invoked in the real VS Code: tyk_listApis lists without a secret; tyk_createKey
// always asks for confirmation, says exactly what it grants, and never hands the key to the model.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { addConnection, captureDialogs, openEditor, useSandboxSuite } from './helpers';

const none = new vscode.CancellationTokenSource().token;

function text(result: vscode.LanguageModelToolResult): string {
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

describe('Language-model tools', () => {
  const ctx = useSandboxSuite();

  it('are declared and registered with vscode.lm', () => {
    const names = vscode.lm.tools.map((t) => t.name);
    assert.ok(names.includes('tyk_listApis') && names.includes('tyk_createKey'), names.join(', '));
    const create = vscode.lm.tools.find((t) => t.name === 'tyk_createKey');
    assert.deepEqual((create?.inputSchema as { required?: string[] }).required, ['apis']);
  });

  it('tyk_listApis (through vscode.lm.invokeTool) lists the APIs, filtered, without any credential', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const result = await vscode.lm.invokeTool('tyk_listApis', { input: { query: 'pay' }, toolInvocationToken: undefined }, none);
    const body = JSON.parse(text(result)) as { total: number; apis: Array<{ name: string; apiId: string; versions: string[]; defaultVersion?: string }> };
    assert.equal(body.total, 1);
    assert.deepEqual(body.apis[0], {
      name: 'Payments API',
      apiId: '15ee07398c82a44fb7aa577183de3c1b',
      listenPath: '/payments/',
      auth: 'auth token',
      versions: ['v1', 'v2'],
      defaultVersion: 'v1',
      state: 'active',
    });
    assert.ok(!text(result).includes(ctx.sandbox.credential));
  });

  it('tyk_createKey (through vscode.lm.invokeTool, outside a chat) asks the user first: no means no key', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const result = await vscode.lm.invokeTool('tyk_createKey', { input: { apis: ['Petstore'] }, toolInvocationToken: undefined }, none);
    assert.equal(ctx.dialogs.confirms.length, 1, 'the user was asked');
    assert.match(ctx.dialogs.confirms[0] ?? '', /Create a Tyk API key\?/);
    assert.match(text(result), /declined: no key was created/);
    assert.equal(ctx.sandbox.requests.filter((r) => r.method === 'POST').length, 0, 'no key without the user’s yes');
  });

  it('tyk_createKey’s confirmation says exactly what it grants; once confirmed, the key goes to the editor, not the model', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const tool = ctx.h.tools.tyk_createKey;
    const input = { apis: ['Payments API'], versions: { 'Payments API': ['v2'] }, rate: 5, per: 60, quotaMax: 100, quotaRenewalSeconds: 3600, expiresInDays: 7, alias: 'from-chat' };
    const prepared = await tool.prepareInvocation?.({ input }, none);
    const message = prepared?.confirmationMessages?.message;
    const shown = typeof message === 'string' ? message : (message?.value ?? '');
    assert.match(shown, /\*\*Payments API\*\* \(`15ee07398c82a44fb7aa577183de3c1b`\), versions v2/);
    assert.match(shown, /Rate limit: 5 requests per minute; quota: 100 requests an hour; expires: [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d\s[AP]M\b/);
    assert.match(shown, /alias “from\\-chat”/, 'the model’s alias, escaped for Markdown');
    assert.equal(ctx.sandbox.requests.filter((r) => r.method === 'POST').length, 0, 'preparing creates nothing');

    const editor = await openEditor('');
    ctx.dialogs.restore();
    const yes = captureDialogs(ctx.h, { confirm: true });
    let result: vscode.LanguageModelToolResult | null | undefined;
    try {
      result = await tool.invoke({ input, toolInvocationToken: undefined }, none);
    } finally {
      yes.restore();
    }
    assert.equal(yes.confirms.length, 1, 'confirmed once');
    assert.ok(result);
    const created = ctx.sandbox.keys().find((k) => k.session.alias === 'from-chat');
    assert.ok(created, 'the key exists');
    assert.equal(editor.document.getText(), created.key, 'and is in the user’s editor');
    assert.ok(!text(result).includes(created.key), 'the model gets no key');
    assert.match(text(result), new RegExp(`${created.key.slice(0, 4)}…${created.key.slice(-4)}`));
    const rights = created.session.access_rights as Record<string, { versions: string[] }>;
    assert.deepEqual(rights['15ee07398c82a44fb7aa577183de3c1b']?.versions, ['v2']);
    assert.equal(created.session.rate, 5);
    assert.equal(created.session.quota_max, 100);
  });

  it('tyk_createKey in a chat: the chat’s confirmation stands only for exactly what it showed', async () => {
    const first = await addConnection(ctx.h, ctx.sandbox);
    await ctx.h.services.active.set(first.id);
    const tool = ctx.h.tools.tyk_createKey;
    // A chat request's token (opaque to the tool): VS Code has shown the prepared confirmation.
    const inChat = { input: { apis: ['Petstore'], alias: 'chat-ok' }, toolInvocationToken: {} as vscode.ChatParticipantToolToken };
    await tool.prepareInvocation?.({ input: inChat.input }, none);
    await openEditor('');
    await tool.invoke(inChat, none);
    assert.equal(ctx.dialogs.confirms.length, 0, 'no second question');
    assert.ok(ctx.sandbox.keys().some((k) => k.session.alias === 'chat-ok'), 'created as confirmed');

    // Confirmed for the default connection, which then changes: asked again, and no means no.
    const moved = { input: { apis: ['Petstore'], alias: 'chat-moved' }, toolInvocationToken: {} as vscode.ChatParticipantToolToken };
    await tool.prepareInvocation?.({ input: moved.input }, none);
    const second = await addConnection(ctx.h, ctx.sandbox, 'gateway');
    await ctx.h.services.active.set(second.id);
    const result = await tool.invoke(moved, none);
    assert.equal(ctx.dialogs.confirms.length, 1, 'the user is asked about what would now be created');
    assert.match(ctx.dialogs.confirms[0] ?? '', /Create a Tyk API key\?/);
    assert.match(text(result ?? new vscode.LanguageModelToolResult([])), /declined: no key was created/);
    assert.ok(!ctx.sandbox.keys().some((k) => k.session.alias === 'chat-moved'), 'nothing created on the other connection');
  });

  it('tyk_createKey’s confirmation shows the model’s and the settings’ text as text, not Markdown or links', async () => {
    const connection = await addConnection(ctx.h, ctx.sandbox);
    await ctx.h.services.store.update({ ...connection, name: '[Open](command:workbench.action.quit) **Prod**' });
    const prepared = await ctx.h.tools.tyk_createKey.prepareInvocation?.({ input: { apis: ['Petstore'], alias: '[run](command:workbench.action.quit)<img src=x>' } }, none);
    const message = prepared?.confirmationMessages?.message;
    const shown = typeof message === 'string' ? message : (message?.value ?? '');
    assert.match(shown, /alias “\\\[run\\\] \\\(command\\:/, `escaped: ${shown}`);
    assert.match(shown, /On \*\*\\\[Open\\\]/, 'the connection name, escaped inside the bold');
    assert.doesNotMatch(shown.replace(/`[^`]*`/g, ''), /(?<!\\)\]\(|(?<!\\)<img|command:/, shown);
  });

  it('tyk_createKey remembers a bounded number of shown confirmations (the oldest are forgotten)', async () => {
    const first = await addConnection(ctx.h, ctx.sandbox);
    await ctx.h.services.active.set(first.id);
    const tool = ctx.h.tools.tyk_createKey;
    const token = {} as vscode.ChatParticipantToolToken;
    for (let i = 0; i < 100; i++) {
      await tool.prepareInvocation?.({ input: { apis: ['Petstore'], alias: `shown-${i}` } }, none);
    }
    await openEditor('');
    // The oldest confirmation was forgotten: the tool asks itself (and no means no).
    const oldest = await tool.invoke({ input: { apis: ['Petstore'], alias: 'shown-0' }, toolInvocationToken: token }, none);
    assert.equal(ctx.dialogs.confirms.length, 1, 'asked again: the map dropped it');
    assert.match(text(oldest ?? new vscode.LanguageModelToolResult([])), /declined/);
    // The newest still stands.
    await tool.invoke({ input: { apis: ['Petstore'], alias: 'shown-99' }, toolInvocationToken: token }, none);
    assert.equal(ctx.dialogs.confirms.length, 1, 'no second question');
    assert.ok(ctx.sandbox.keys().some((k) => k.session.alias === 'shown-99'));
  });

  it('tyk_createKey refuses unknown APIs and bad limits before any request', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const tool = ctx.h.tools.tyk_createKey;
    await assert.rejects(Promise.resolve(tool.prepareInvocation?.({ input: { apis: ['Nope'] } }, none)), /No API “Nope”/);
    await assert.rejects(Promise.resolve(tool.prepareInvocation?.({ input: { apis: ['Petstore'], per: 0 } }, none)), /period/);
    // Kinds of API the chat cannot make a working key for: it says what to do instead.
    await assert.rejects(Promise.resolve(tool.prepareInvocation?.({ input: { apis: ['Partner API (JWT)'] } }, none)), /does not use a created key/);
    await assert.rejects(Promise.resolve(tool.prepareInvocation?.({ input: { apis: ['Reports (basic auth)'] } }, none)), /a basic-auth user, not a plain key/);
    await assert.rejects(Promise.resolve(tool.prepareInvocation?.({ input: { apis: ['Webhooks (HMAC)'] } }, none)), /an HMAC key, not a plain key/);
    assert.equal(ctx.sandbox.requests.filter((r) => r.method === 'POST').length, 0);
  });
});
