// Fault injection in the real VS Code: every operation × every fault, each cell driven through the
// real command (quick input, Enter at each step; tree children for the tree's lists), against a proxy
// that forwards to a sandbox Tyk and misbehaves on the requests of one operation (test/support/faultProxy.ts).
//
// Each cell asserts: one message for the user, saying what went wrong and what to do; no stack trace;
// the credential (and the key) in no message, log line, URL or request to another host; a create sent
// once, never retried, and when its outcome is unknown the user is told so with the alias to look for.
// The suite also checks that no promise rejection went unhandled in the extension host, and prints the
// fault × operation table (also written to out/fault-table.md).
//
// Delivery faults follow: a key the server created reaches the user when the editor was closed
// meanwhile, when the clipboard fails, when the user cancels the progress while the POST is in flight.
// (A read-only active editor is covered by createKey.test.ts, "a read-only active editor…".)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Connection } from '../../src/services/connections';
import type { TestHooks } from './entry';
import type { CreatedKey } from '../../src/domain/model';
import type { TykNode } from '../../src/app/nodes';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { SAMPLE } from '../sandbox/seed';
import { LARGE_BODY_BYTES, RBAC_MESSAGE, RETRY_AFTER_SECONDS, startFaultProxy, type FaultName, type FaultProxy, type OperationName } from '../support/faultProxy';
import { closedPort, forwardTo, startFaultServer } from '../support/faultServer';
import type { ActiveInput } from './scriptedUi';
import { untitledContent } from '../../src/ui/insertKey';
import { rotatedAlias } from '../../src/domain/rotation';
import {
  addConnection,
  apiNodes,
  captureDialogs,
  chooseAndEnter,
  clearConnections,
  closeAllEditors,
  hooks,
  labelText,
  messageText,
  openEditor,
  pressEnter,
  typeAndEnter,
  useSandboxSuite,
  waitFor,
  waitForStep,
  type DialogLog,
} from './helpers';

/**
 * The request timeout of the cells where the server is silent or slow: half a second, not the setting's
 * 5 s minimum. The other cells use the minimum, so that a 50 MB body on a busy machine is not cut by
 * the clock before the size bound.
 */
const SHORT_TIMEOUT_MS = 500;
const CELL_TIMEOUT_MS = 5000;
const timeoutFor = (fault: FaultName): number => (fault === 'timeout' || fault === 'slow-drip' ? SHORT_TIMEOUT_MS : CELL_TIMEOUT_MS);
const KEY_ALIAS = 'fault-key';

const OPERATIONS: Array<{ op: OperationName; title: string }> = [
  { op: 'listApis', title: 'list APIs' },
  { op: 'search', title: 'search' },
  { op: 'listKeys', title: 'list keys' },
  { op: 'keyDetails', title: 'key details' },
  { op: 'create', title: 'create' },
  { op: 'update', title: 'update' },
  { op: 'revoke', title: 'revoke' },
  { op: 'rotate', title: 'rotate' },
  { op: 'policies', title: 'policies' },
  { op: 'credentialCheck', title: 'credential check' },
];

const FAULTS: Array<{ fault: FaultName; title: string }> = [
  { fault: 'timeout', title: 'timeout (no answer)' },
  { fault: 'refused', title: 'connection refused¹' },
  { fault: 'reset', title: 'reset mid-body' },
  { fault: '401', title: '401' },
  { fault: '403', title: '403 (RBAC)' },
  { fault: '404', title: '404' },
  { fault: '429', title: '429 + Retry-After' },
  { fault: '500', title: '500' },
  { fault: '502-html', title: '502 HTML page' },
  { fault: 'malformed', title: 'malformed JSON' },
  { fault: 'wrong-shape', title: 'JSON, wrong shape' },
  { fault: '50mb', title: '50 MB body' },
  { fault: 'slow-drip', title: 'slow drip 1 B/s' },
  { fault: 'self-signed', title: 'self-signed cert²' },
  { fault: 'redirect', title: 'redirect elsewhere' },
  { fault: 'hostile-text', title: 'hostile text³' },
];

const READS = new Set<OperationName>(['listApis', 'search', 'listKeys', 'keyDetails', 'policies', 'credentialCheck']);
const TREE = new Set<OperationName>(['listApis', 'listKeys', 'policies']);
const CREATES = new Set<OperationName>(['create', 'rotate']);
/** Faults after which a create may have happened: the user must hear so, with the alias. */
const CREATE_OUTCOME_UNKNOWN = new Set<FaultName>(['timeout', 'refused', 'reset', '500', 'hostile-text', '502-html', 'malformed', 'wrong-shape', '50mb', 'slow-drip']);

/** What a tree node's label alone (the message's first sentence) must name: what went wrong. */
const LABEL_NAMES: Record<FaultName, RegExp> = {
  timeout: /did not answer in time/,
  refused: /refused/,
  // (a label stops at 120 characters: "…the connection was closed in th…")
  reset: /the connection was closed/,
  '401': /rejected the credential/,
  '403': /may not/,
  '404': /no such address|hashes keys/,
  '429': /rate limiting/,
  '500': /\(500\)/,
  '502-html': /502/,
  malformed: /not JSON/,
  'wrong-shape': /unexpected shape/,
  '50mb': /larger than/,
  'slow-drip': /did not answer in time/,
  'self-signed': /certificate .* not trusted/,
  redirect: /redirect/,
  'hostile-text': /\(500\)/,
};

interface Expectation {
  patterns: RegExp[];
  /** Three words for the table. */
  outcome: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function expectation(op: OperationName, fault: FaultName, env: Env, alias: string): Expectation {
  const read = READS.has(op);
  const unknown = CREATES.has(op) && CREATE_OUTCOME_UNKNOWN.has(fault);
  const createUnknown: RegExp[] = unknown ? [/may have been created: it was not sent again/, new RegExp(`alias “${escapeRegExp(alias)}”`)] : [];
  // After sending, with no (whole) answer: a write may have happened, and the message says so. (An
  // update or revoke answered 5xx says "try again": both are idempotent, unlike a create.)
  const sentNoAnswer = fault === 'timeout' || fault === 'slow-drip' || fault === 'reset';
  const maybeApplied = (words: string): Expectation =>
    unknown
      ? { patterns: [], outcome: 'unknown, alias named' }
      : !read && sentNoAnswer
        ? { patterns: [/may have (worked|reached the server)/], outcome: 'maybe applied, check' }
        : { patterns: [], outcome: words };
  const base = ((): Expectation => {
    switch (fault) {
      case 'timeout': {
        const m = maybeApplied('timed out, retry');
        return { patterns: [/did not answer in time/, ...(read ? [/Check that the server is up/] : []), ...m.patterns], outcome: m.outcome };
      }
      case 'refused':
        // A read's retry meets the closed port; a write is not retried, its connection was dropped.
        return read
          ? { patterns: [/the connection was refused: is the server running on that port\?/], outcome: 'refused, server down?' }
          : { patterns: [/the connection was closed/, /may have reached the server/], outcome: unknown ? 'unknown, alias named' : 'dropped, maybe applied' };
      case 'reset': {
        const m = maybeApplied('cut off, retry');
        return { patterns: [/closed in the middle of the answer/, ...m.patterns], outcome: m.outcome };
      }
      case '401':
        return {
          patterns: [/rejected the credential/, /Users → your user → Tyk Dashboard API Access Credentials/, op === 'credentialCheck' ? /paste it here/ : /Update Credential/],
          outcome: 'credential rejected, where',
        };
      case '403':
        return { patterns: [/may not .+Ask an administrator for that permission/, new RegExp(escapeRegExp(RBAC_MESSAGE))], outcome: 'permission missing, ask' };
      case '404':
        // A router's plain 404 is a wrong address, even for a key listing: only Tyk's own answer means
        // that hashed keys are not listed (the hashed sandbox's tests, keys.test.ts and client.test.ts).
        return op === 'keyDetails' || op === 'update' || op === 'revoke'
          ? { patterns: [/was not found on the Tyk Dashboard: it may have been revoked or may have expired/], outcome: 'key not found' }
          : { patterns: [/has no such address \(404\)/, /own address/], outcome: 'wrong address, check' };
      case '429':
        return { patterns: [new RegExp(`rate limiting requests: try again in ${RETRY_AFTER_SECONDS} seconds\\.`)], outcome: `rate limited, ${RETRY_AFTER_SECONDS} s` };
      case '500': {
        const m = maybeApplied('server failed, later');
        return { patterns: [/\(500\)/, /Try again later/, ...m.patterns], outcome: m.outcome };
      }
      case 'hostile-text': {
        const m = maybeApplied('shown as text');
        return { patterns: [/\(500\)/, /Update Credential/, ...m.patterns], outcome: m.outcome };
      }
      case '502-html': {
        const m = maybeApplied('proxy page quoted');
        return { patterns: [/answered 502 Bad Gateway with an HTML page/, /Check the server or the proxy/, ...m.patterns], outcome: m.outcome };
      }
      case 'malformed': {
        const m = maybeApplied('not JSON, quoted');
        return { patterns: [/with something that is not JSON/], outcome: m.outcome };
      }
      case 'wrong-shape': {
        const m = maybeApplied('unexpected shape, named');
        return { patterns: [/with data of an unexpected shape/, /is its version supported/], outcome: m.outcome };
      }
      case '50mb': {
        const m = maybeApplied('too large, unread');
        return { patterns: [/is larger than 32 MB, so it was not read/], outcome: m.outcome };
      }
      case 'slow-drip': {
        const m = maybeApplied('timed out, retry');
        return { patterns: [/did not answer in time/, ...m.patterns], outcome: m.outcome };
      }
      case 'self-signed':
        return {
          patterns: [new RegExp(`certificate of ${escapeRegExp(env.proxy.tlsUrl)} is not trusted`), /Add the CA certificate to this connection/],
          outcome: 'untrusted cert, fix',
        };
      case 'redirect':
        return {
          patterns: [new RegExp(`redirect to ${escapeRegExp(env.proxy.otherHost.url)} \\(302\\)`), /does not follow redirects/],
          outcome: 'redirect refused, why',
        };
    }
  })();
  return { patterns: [...base.patterns, ...createUnknown], outcome: base.outcome };
}

// ------------------------------------------------------------------------------------------------
// The table

interface CellResult {
  ok: boolean;
  outcome: string;
  ms: number;
  /** What the user was told, word for word. */
  message?: string;
}

const table = new Map<string, CellResult>();
const cellKey = (fault: FaultName, op: OperationName): string => `${fault}|${op}`;

function renderTable(totalMs: number): string {
  const header = `| fault \\ operation | ${OPERATIONS.map((o) => o.title).join(' | ')} |`;
  const rule = `|---|${OPERATIONS.map(() => '---').join('|')}|`;
  const rows = FAULTS.map(({ fault, title }) => {
    const cells = OPERATIONS.map(({ op }) => {
      const r = table.get(cellKey(fault, op));
      return r ? `${r.ok ? '✔' : '✘'} ${r.outcome}` : '· not run';
    });
    return `| ${title} | ${cells.join(' | ')} |`;
  });
  const results = [...table.values()];
  const passed = results.filter((r) => r.ok).length;
  return [
    `Fault injection: ${passed}/${FAULTS.length * OPERATIONS.length} cells pass (${results.length} run) in ${(totalMs / 1000).toFixed(1)} s`,
    '',
    header,
    rule,
    ...rows,
    '',
    '¹ A connection can only be refused before a request is on it: the proxy drops the connection the request came on, then stops listening. A read retries once and meets a refused port; a write is never retried, so it reports the dropped connection (and that it may have reached the server). A real closed port is tested apart (“a server that is down”).',
    '² TLS comes before HTTP: the proxy’s https listener swaps in a certificate nothing trusts, so the command’s first request meets it (for update, revoke and rotate, the read of the key: nothing is written).',
    '³ A 500 whose message is a command link, Markdown, HTML, an icon, CR/LF, bidi overrides and 10 KB: shown as text, one line, bounded; its reason phrase too.',
  ].join('\n');
}

/** Every cell's message, word for word (out/fault-messages.md), to review the wording. */
function renderMessages(): string {
  const lines = ['# What the user was told, per fault and operation', ''];
  for (const { fault, title } of FAULTS) {
    lines.push(`## ${title}`, '');
    for (const { op, title: opTitle } of OPERATIONS) {
      const r = table.get(cellKey(fault, op));
      lines.push(`- **${opTitle}** (${r ? `${r.ok ? '✔' : '✘'} ${r.ms} ms` : 'not run'}): ${(r?.message ?? '').replace(/\n/g, ' ⏎ ')}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

// ------------------------------------------------------------------------------------------------
// The environment of one operation: a sandbox, the proxy in front of it, two connections through it
// (http; https trusting the proxy's certificate through a CA file), and one key to act on.

interface Env {
  sandbox: Sandbox;
  proxy: FaultProxy;
  plain: Connection;
  secure: Connection;
  key: string;
}

async function startEnv(h: TestHooks): Promise<Env> {
  const sandbox = await startSandbox({ quiet: true, gatewayPort: null });
  const proxy = await startFaultProxy({ target: sandbox.dashboardUrl });
  const suffix = Math.random().toString(36).slice(2, 8);
  const plain: Connection = { id: `fault-http-${suffix}`, name: 'Faulty http', kind: 'dashboard', url: proxy.url };
  const secure: Connection = { id: `fault-https-${suffix}`, name: 'Faulty https', kind: 'dashboard', url: proxy.tlsUrl, caFile: proxy.caFile };
  await h.services.store.add(plain, sandbox.credential);
  await h.services.store.add(secure, sandbox.credential);
  const { key } = sandbox.createKey({
    org_id: sandbox.orgId,
    alias: KEY_ALIAS,
    rate: 100,
    per: 1,
    allowance: 100,
    quota_max: -1,
    expires: -1,
    access_rights: { [SAMPLE.petstore.apiId]: { api_id: SAMPLE.petstore.apiId, api_name: SAMPLE.petstore.name, versions: ['Default'] } },
  });
  return { sandbox, proxy, plain, secure, key };
}

async function stopEnv(h: TestHooks, env: Env | undefined): Promise<void> {
  await clearConnections(h);
  h.services.policies.invalidate();
  if (env) {
    await env.proxy.close();
    await env.sandbox.close();
  }
}

interface Child {
  node: TykNode;
  item: vscode.TreeItem;
  label: string;
}

async function children(h: TestHooks, node?: TykNode): Promise<Child[]> {
  const nodes = await h.tree.getChildren(node);
  return nodes.map((n) => {
    const item = h.tree.getTreeItem(n);
    return { node: n, item, label: labelText(item.label) };
  });
}

async function find(h: TestHooks, parent: TykNode | undefined, what: string, test: (c: Child) => boolean): Promise<TykNode> {
  const found = (await children(h, parent)).find(test);
  assert.ok(found, `${what} in the tree`);
  return found.node;
}

const connectionNode = (h: TestHooks, c: Connection): Promise<TykNode> =>
  find(h, undefined, `the connection ${c.name}`, (x) => x.node.type === 'connection' && x.node.connection.id === c.id);
const petstoreNode = async (h: TestHooks, c: Connection): Promise<TykNode> => find(h, await connectionNode(h, c), 'Petstore', (x) => x.node.type === 'api' && x.label === 'Petstore');
const keysNode = async (h: TestHooks, c: Connection): Promise<TykNode> => find(h, await petstoreNode(h, c), 'the Keys node', (x) => x.node.type === 'keys');
const policiesNode = async (h: TestHooks, c: Connection): Promise<TykNode> => find(h, await connectionNode(h, c), 'the Policies node', (x) => x.node.type === 'policies');
const keyNode = async (h: TestHooks, c: Connection, key: string): Promise<TykNode> =>
  find(h, await keysNode(h, c), 'the key', (x) => x.node.type === 'key' && x.node.listedId === key);

/** The flow's input at `step`, or undefined once the command ended without showing it. */
async function stepOrEnd(h: TestHooks, running: Thenable<unknown>, step: number, title?: string): Promise<ActiveInput | undefined> {
  let ended = false;
  void Promise.resolve(running).then(
    () => (ended = true),
    () => (ended = true),
  );
  const found = await waitFor(`step ${step} or the end of the command`, () => {
    const current = h.activeInputs.current;
    if (current && (current.step ?? 1) === step && (!title || current.title.includes(title)) && current.input.enabled) {
      return { input: current };
    }
    return ended ? { input: undefined } : undefined;
  });
  return found.input;
}

/** What the user was told: each message's full text and everything of it on screen. */
interface Told {
  text: string;
  visible: string[];
}

interface CellRun {
  told: Told[];
  /** The alias of the key being created (create, rotate). */
  alias: string;
}

function messageNodes(kids: Child[]): Told[] {
  return kids
    .filter((k) => k.node.type === 'message')
    .map((k) => {
      // The label is the first sentence, the tooltip the whole message.
      const tooltip = typeof k.item.tooltip === 'string' ? k.item.tooltip : (k.item.tooltip?.value ?? '');
      return { text: `${k.label}\n${tooltip}`, visible: [k.label, tooltip] };
    });
}

/** Runs one operation through its real command against the armed proxy. */
async function runOperation(h: TestHooks, env: Env, op: OperationName, fault: FaultName, dialogs: DialogLog): Promise<CellRun> {
  const connection = fault === 'self-signed' ? env.secure : env.plain;
  const arm = (): Promise<void> => env.proxy.arm(op, fault);
  const fromDialogs = (): Told[] => dialogs.errors.map((e) => ({ text: e.message, visible: [e.message, ...e.actions] }));
  if (op !== 'listApis') {
    // The whole catalog first: a page still loading would meet the fault (a certificate) meanwhile.
    await h.services.catalog.all(connection);
  }
  h.setRequestTimeoutMs(timeoutFor(fault));
  switch (op) {
    case 'listApis': {
      const root = await connectionNode(h, connection);
      h.services.catalog.invalidate(connection.id);
      await arm();
      return { told: messageNodes(await children(h, root)), alias: '' };
    }
    case 'listKeys': {
      const keys = await keysNode(h, connection);
      h.services.keyLists.invalidate(connection.id);
      await arm();
      return { told: messageNodes(await children(h, keys)), alias: '' };
    }
    case 'policies': {
      const policies = await policiesNode(h, connection);
      h.services.policies.invalidate(connection.id);
      await arm();
      return { told: messageNodes(await children(h, policies)), alias: '' };
    }
    case 'search': {
      const root = await connectionNode(h, connection);
      await arm();
      const running = vscode.commands.executeCommand('tyk.searchApis', root);
      await typeAndEnter(await waitForStep(h, 1, 'Search APIs'), 'Pet');
      await running;
      await vscode.commands.executeCommand('tyk.clearSearch');
      return { told: fromDialogs(), alias: '' };
    }
    case 'keyDetails': {
      const node = await keyNode(h, connection, env.key);
      await arm();
      await vscode.commands.executeCommand('tyk.showKeyDetails', node);
      assert.equal(h.services.keyViews.viewOf(connection.id, (node as { listedId: string }).listedId), undefined, 'no key view');
      return { told: fromDialogs(), alias: '' };
    }
    case 'create': {
      const api = await petstoreNode(h, connection);
      await arm();
      const running = vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKey', api);
      let alias = '';
      for (let step = 1; step <= 4; step++) {
        const input = await waitForStep(h, step);
        if (step === 4) {
          alias = input.input.value;
        }
        await pressEnter();
      }
      assert.equal(await running, undefined, 'no key was created');
      return { told: fromDialogs(), alias };
    }
    case 'update': {
      const node = await keyNode(h, connection, env.key);
      await arm();
      const running = vscode.commands.executeCommand('tyk.updateKey', node);
      const first = await stepOrEnd(h, running, 1, 'Update the key');
      if (first) {
        await chooseAndEnter(first, ['Suspend']);
      }
      await running;
      assert.deepEqual(dialogs.infos, [], 'no “Updated” message');
      return { told: fromDialogs(), alias: '' };
    }
    case 'revoke': {
      const node = await keyNode(h, connection, env.key);
      await arm();
      await vscode.commands.executeCommand('tyk.revokeKey', node);
      assert.deepEqual(dialogs.infos, [], 'no “Revoked” message');
      return { told: fromDialogs(), alias: '' };
    }
    case 'rotate': {
      const node = await keyNode(h, connection, env.key);
      await arm();
      assert.equal(await vscode.commands.executeCommand('tyk.rotateKey', node), undefined, 'no rotation');
      assert.deepEqual(dialogs.choices, [], 'the old key is not offered for revocation');
      // The new key's own alias (an unknown outcome names it).
      return { told: fromDialogs(), alias: rotatedAlias(KEY_ALIAS, '', new Date()) };
    }
    case 'credentialCheck': {
      const root = await connectionNode(h, connection);
      await arm();
      const running = vscode.commands.executeCommand('tyk.setCredential', root);
      const box = await waitForStep(h, 1, 'Update Credential');
      await typeAndEnter(box, env.sandbox.credential);
      const verdict = await waitFor('the check’s verdict', () => {
        const input = box.input as vscode.InputBox;
        return input.enabled && input.validationMessage ? messageText(input.validationMessage) : undefined;
      });
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await running;
      assert.deepEqual(dialogs.infos, [], 'nothing saved');
      return { told: [{ text: verdict, visible: [verdict] }, ...fromDialogs()], alias: '' };
    }
  }
}

const STACK_LINE = /^\s*at\s|\bat\s+\S+\s+\(.*:\d+:\d+\)|node:internal|\.js:\d+/m;

async function runCell(h: TestHooks, env: Env, op: OperationName, fault: FaultName, said: (message: string) => void): Promise<string> {
  const { proxy, sandbox } = env;
  const credential = sandbox.credential;
  proxy.requests.length = 0;
  sandbox.requests.length = 0;
  const dialogs = captureDialogs(h, { confirm: true });
  const rssBefore = process.memoryUsage().rss;
  let run: CellRun;
  try {
    run = await runOperation(h, env, op, fault, dialogs);
  } finally {
    dialogs.restore();
    await proxy.disarm();
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  }
  const rssAfter = process.memoryUsage().rss;
  const expected = expectation(op, fault, env, run.alias);
  said(run.told.map((t) => t.text).join(' ‖ '));

  // One message, that says what went wrong and what to do.
  assert.equal(run.told.length, 1, `one message for the user, got: ${JSON.stringify(run.told.map((t) => t.text))}`);
  const [told] = run.told;
  assert.ok(told);
  for (const pattern of expected.patterns) {
    assert.match(told.text, pattern);
  }
  if (CREATES.has(op) && !CREATE_OUTCOME_UNKNOWN.has(fault)) {
    assert.doesNotMatch(told.text, /may have been created/, 'a create the server refused is not called unknown');
  }
  if (TREE.has(op) || op === 'credentialCheck') {
    assert.deepEqual(dialogs.errors, [], 'no error notification besides');
  }
  if (TREE.has(op)) {
    assert.match(told.visible[0] ?? '', LABEL_NAMES[fault], 'the node’s label alone says what went wrong');
  }
  assert.deepEqual(dialogs.warnings, [], 'no warning besides');
  if (fault === '502-html') {
    // In each text on screen (a tree row's label may stop inside the quote: its tooltip has it whole).
    const quotes = told.visible.flatMap((text) => [...text.matchAll(/“([^”]*)”/g)].map((m) => m[1] ?? ''));
    assert.ok(quotes.length > 0, 'the HTML page is quoted');
    for (const quote of quotes) {
      assert.ok(quote.length <= 201, `the HTML page is quoted, at most 200 characters: ${quote.length}`);
    }
  }
  // Text from the server is shown as text: never a link, markup, icon, line break or bidi control; bounded.
  for (const text of told.visible) {
    assert.doesNotMatch(text, /\]\(|\$\(|[\r\n\u202a-\u202e\u2066-\u2069]/, `shown as text: ${text.slice(0, 200)}`);
    assert.ok(text.length <= 2001, `bounded: ${text.length} characters`);
  }
  // No stack trace, no secret.
  for (const text of told.visible) {
    assert.doesNotMatch(text, STACK_LINE, 'no stack trace in the UI');
    assert.ok(!text.includes(credential), 'the credential is in no message');
    assert.ok(!text.includes(env.key), 'the key is in no message');
  }
  const log = h.logLines;
  assert.ok(!log.some((l) => l.includes(credential)), 'the credential is in no log line');
  assert.ok(!log.some((l) => l.includes(env.key)), 'the key is in no log line');
  for (const r of [...proxy.requests, ...sandbox.requests]) {
    assert.ok(!r.url.includes(credential), `the credential is in no URL: ${r.method} ${r.url}`);
    assert.ok(!r.body.includes(credential), 'nor in a request body');
    const otherHeaders = Object.entries(r.headers).filter(([name]) => name !== 'authorization');
    assert.ok(!JSON.stringify(otherHeaders).includes(credential), 'nor in another header');
  }
  assert.deepEqual(proxy.otherHost.requests, [], 'the other host received nothing');

  // The fault was met where it was meant to be.
  const faulted = proxy.requests.filter((r) => r.fault === fault);
  if (fault === 'self-signed') {
    assert.equal(proxy.requests.filter((r) => r.armed && r.listener === 'https').length, 0, 'no request got past the untrusted certificate');
  } else if (READS.has(op)) {
    assert.ok(faulted.length >= 1 && faulted.length <= 2, `the read met the fault (once, or twice with its one retry): ${faulted.length}`);
  } else {
    assert.equal(faulted.length, 1, 'a write is sent once, never retried');
  }
  if (!READS.has(op)) {
    // Faulted writes are not forwarded: the server saw none of them.
    assert.equal(sandbox.requests.filter((r) => r.method !== 'GET').length, 0, 'nothing was written');
  }
  if (CREATES.has(op)) {
    const posts = proxy.requests.filter((r) => r.armed && r.method === 'POST' && r.url === '/api/keys');
    assert.equal(posts.length, fault === 'self-signed' ? 0 : 1, 'one POST /api/keys per attempt, never a retry');
  }
  if (fault === '50mb') {
    assert.ok(proxy.largeBodyBytesSent < LARGE_BODY_BYTES, `the client stopped reading before the end (${proxy.largeBodyBytesSent} bytes sent)`);
    const grew = (rssAfter - rssBefore) / 1024 / 1024;
    console.log(`    [50 MB × ${op}] ${(proxy.largeBodyBytesSent / 1024 / 1024).toFixed(1)} MB sent before the client hung up; extension host rss ${(rssBefore / 1024 / 1024).toFixed(0)} → ${(rssAfter / 1024 / 1024).toFixed(0)} MB (${grew >= 0 ? '+' : ''}${grew.toFixed(0)} MB)`);
    // Bounded by maxContentLength: axios buffers up to 32 MiB before it gives up (seen: +0 to +63 MB
    // of rss, most of it reused by the next cells). Reading the whole 50 MB, then decoding it to a
    // string, would cost 150 MB and more.
    assert.ok(grew < 96, `the extension host’s memory grew by less than 96 MB: +${grew.toFixed(0)} MB`);
  }
  return expected.outcome;
}

// ------------------------------------------------------------------------------------------------

describe('Fault injection', () => {
  let h: TestHooks;
  const rejections: string[] = [];
  let current = '(between cells)';
  const onRejection = (reason: unknown): void => {
    rejections.push(`${current}: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
  };
  const started = Date.now();

  before(async () => {
    h = await hooks();
    process.on('unhandledRejection', onRejection);
    await clearConnections(h);
    await closeAllEditors();
  });

  after(() => {
    process.off('unhandledRejection', onRejection);
    h.setRequestTimeoutMs(undefined);
    const text = renderTable(Date.now() - started);
    console.log(`\n${text}\n`);
    const out = path.resolve(__dirname, '../..');
    fs.writeFileSync(path.join(out, 'fault-table.md'), `${text}\n`);
    fs.writeFileSync(path.join(out, 'fault-messages.md'), `${renderMessages()}\n`);
  });

  describe('fault × operation', () => {
    after(() => h.setRequestTimeoutMs(undefined));

    for (const { op, title: opTitle } of OPERATIONS) {
      describe(opTitle, () => {
        let env: Env | undefined;
        before(async () => {
          env = await startEnv(h);
        });
        after(async () => {
          await stopEnv(h, env);
          env = undefined;
        });
        afterEach(async () => {
          h.services.catalog.invalidate();
          h.services.keyLists.invalidate();
          h.services.policies.invalidate();
          await closeAllEditors();
        });
        for (const { fault, title } of FAULTS) {
          it(`${title} → ${opTitle}`, async () => {
            assert.ok(env);
            current = `${fault} × ${op}`;
            const t0 = Date.now();
            let message: string | undefined;
            try {
              const outcome = await runCell(h, env, op, fault, (m) => (message = m));
              table.set(cellKey(fault, op), { ok: true, outcome, ms: Date.now() - t0, message });
            } catch (e) {
              const why = e instanceof Error ? e.message.split('\n')[0] ?? '' : String(e);
              table.set(cellKey(fault, op), { ok: false, outcome: why.slice(0, 60), ms: Date.now() - t0, message });
              throw e;
            } finally {
              current = '(between cells)';
            }
          });
        }
      });
    }
  });

  describe('a server that is down (a real refused port)', () => {
    let connection: Connection;
    before(async () => {
      h.setRequestTimeoutMs(SHORT_TIMEOUT_MS);
      connection = { id: `down-${Date.now().toString(36)}`, name: 'Down', kind: 'dashboard', url: `http://127.0.0.1:${await closedPort()}` };
      await h.services.store.add(connection, 'a-credential-for-a-server-that-is-down');
    });
    after(async () => {
      h.setRequestTimeoutMs(undefined);
      await clearConnections(h);
    });

    it('listing the APIs says the connection was refused', async () => {
      h.services.catalog.invalidate(connection.id);
      const told = messageNodes(await children(h, await connectionNode(h, connection)));
      assert.equal(told.length, 1);
      assert.match(told[0]?.text ?? '', /the connection was refused: is the server running on that port\?/);
    });

    it('the credential check says the connection was refused', async () => {
      const dialogs = captureDialogs(h);
      try {
        const running = vscode.commands.executeCommand('tyk.setCredential', await connectionNode(h, connection));
        const box = await waitForStep(h, 1, 'Update Credential');
        await typeAndEnter(box, 'another-credential-0000');
        const verdict = await waitFor('the verdict', () => {
          const input = box.input as vscode.InputBox;
          return input.enabled && input.validationMessage ? messageText(input.validationMessage) : undefined;
        });
        assert.match(verdict, /the connection was refused/);
        assert.ok(!verdict.includes('another-credential-0000'));
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        await running;
        assert.deepEqual(dialogs.errors, []);
      } finally {
        dialogs.restore();
      }
    });
  });

  describe('a key the server created always reaches the user', () => {
    // The read-only active editor is in createKey.test.ts (“a read-only active editor…”).
    const ctx = useSandboxSuite({ confirm: true });
    const keyPosts = (): number => ctx.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/api/keys').length;

    /** Runs Create Key on Petstore with Enter at each step; `beforeLastEnter` runs before the last one. */
    async function startCreate(beforeLastEnter: () => void = () => undefined): Promise<{ running: Thenable<CreatedKey | undefined> }> {
      await addConnection(ctx.h, ctx.sandbox);
      const api = (await apiNodes(ctx.h)).get('Petstore');
      assert.ok(api);
      const running = vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKey', api);
      for (let step = 1; step <= 4; step++) {
        await waitForStep(ctx.h, step);
        if (step === 4) {
          beforeLastEnter();
        }
        await pressEnter();
      }
      return { running };
    }

    afterEach(() => ctx.sandbox.setLatency(0));

    it('the editor is closed while the POST is in flight: the key opens in a new document', async () => {
      await openEditor('key: ');
      const { running } = await startCreate(() => ctx.sandbox.setLatency(800));
      await waitFor('the POST at the server', () => keyPosts() === 1);
      await closeAllEditors();
      const active = (): vscode.TextEditor | undefined => vscode.window.activeTextEditor;
      assert.equal(active(), undefined, 'no editor any more');
      const created = await running;
      assert.ok(created, 'the key was created');
      const document = active()?.document;
      assert.ok(document?.isUntitled, 'a new document');
      assert.ok(document.getText().split('\n').includes(created.key), 'the key, on a line of its own');
      assert.ok(!document.getText().split('\n')[0]?.includes(created.key), 'not in the first line (the tab title)');
      assert.equal(keyPosts(), 1, 'one POST');
      assert.deepEqual(ctx.dialogs.errors, []);
    });

    it('the clipboard is unavailable: Copy falls back to the modal with the key', async () => {
      const dialogs = captureDialogs(ctx.h, { clipboardFails: true });
      // Press “Copy” on the “Key created” notification.
      ctx.h.dialogs.info = (message: string, ...actions: string[]) => {
        dialogs.infos.push(message);
        return Promise.resolve(actions.includes('Copy') ? 'Copy' : undefined);
      };
      try {
        await openEditor('');
        const created = await (await startCreate()).running;
        assert.ok(created);
        await waitFor('the modal with the key', () => dialogs.shownKeys.includes(created.key));
        assert.deepEqual(dialogs.clipboard, [], 'nothing reached the clipboard');
        assert.ok(dialogs.infos.some((m) => /Key created for Petstore/.test(m)));
        assert.ok(ctx.h.logLines.some((l) => /Could not copy the key/.test(l)), 'the failure is logged');
        assert.ok(!ctx.h.logLines.some((l) => l.includes(created.key)), 'masked');
      } finally {
        dialogs.restore();
      }
    });

    it('the user cancels the progress while the POST is in flight: the key still arrives, sent once', async () => {
      await openEditor('');
      const { running } = await startCreate(() => ctx.sandbox.setLatency(1500));
      await waitFor('the POST at the server', () => keyPosts() === 1);
      // What the notification's Cancel button does (see progressCancels in src/ui/progress.ts).
      await waitFor('the progress notification, cancelled', () => ctx.h.cancelProgress() > 0);
      assert.equal(await running, undefined, 'the command stopped waiting');
      const stored = await waitFor('the key on the server', () => ctx.sandbox.keys()[0]);
      // In a document of its own (not at the cursor, which has moved on since), then announced.
      const document = await waitFor('the key in a new document', () => {
        const active = vscode.window.activeTextEditor?.document;
        return active?.isUntitled && active.getText().split('\n').includes(stored.key) ? active : undefined;
      });
      assert.equal(document.getText(), untitledContent(stored.key, 'Petstore'));
      await waitFor('the notification with Copy', () => ctx.dialogs.infos.some((m) => /^Key created for Petstore and opened in a new document/.test(m)));
      assert.deepEqual(ctx.dialogs.shownKeys, [], 'no modal needed');
      assert.equal(keyPosts(), 1, 'one POST, not sent again');
      assert.deepEqual(ctx.dialogs.errors, []);
      assert.ok(ctx.h.logLines.some((l) => /Stopped waiting for the key/.test(l)));
    });

    it('the user stops waiting and the create then fails: told so, with the alias to look for', async () => {
      // In front of the sandbox: everything passes, except that the create is held, then its connection dropped.
      const front = await startFaultServer();
      const pass = forwardTo(ctx.sandbox.dashboardUrl);
      front.handle((req, res, body) => (req.method === 'POST' ? setTimeout(() => res.socket?.destroy(), 1500) : pass(req, res, body)));
      try {
        await openEditor('');
        await addConnection(ctx.h, { ...ctx.sandbox, dashboardUrl: front.url });
        const running = vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKey', (await apiNodes(ctx.h)).get('Petstore'));
        for (let step = 1; step <= 3; step++) {
          await waitForStep(ctx.h, step);
          await pressEnter();
        }
        await typeAndEnter(await waitForStep(ctx.h, 4, 'Create a Tyk key'), 'late-failure');
        await waitFor('the POST at the server', () => front.requests.some((r) => r.method === 'POST'));
        await waitFor('the progress notification, cancelled', () => ctx.h.cancelProgress() > 0);
        assert.equal(await running, undefined, 'the command stopped waiting');
        const error = await waitFor('the error', () => ctx.dialogs.errors[0]);
        assert.match(error.message, /The key may have been created: it was not sent again\. Before creating another, look for the alias “late-failure” in the Dashboard’s Keys list\./);
        assert.equal(front.requests.filter((r) => r.method === 'POST').length, 1, 'one POST, not sent again');
      } finally {
        await front.close();
      }
    });
  });

  describe('the extension host', () => {
    it('met no unhandled promise rejection during the fault suite', async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.deepEqual(rejections, []);
    });
  });
});
