/**
 * The insert formats, proven by running them as their users would, against the sandbox Gateway: the curl
 * line in bash, the REST Client request file with httpyac (the CLI that runs `.http` files), the `.env` line
 * loaded by dotenv in a Node program. Each text is the product's own (src/domain/keyFormats.ts,
 * requestFile.ts, placement.ts), for a key made through the product's own Dashboard client: 200 with the
 * key; once it is revoked, 403 for a key and 401 for a basic-auth user.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTykClient, generatePassword, type TykApi, type TykClient } from '../../src/tyk';
import { DEFAULT_LIMITS } from '../../src/domain/keySpec';
import { envVariableName, formatKey, gatewayBaseFor, type KeyFormat, type KeyFormatInput } from '../../src/domain/keyFormats';
import { requestFileText } from '../../src/domain/requestFile';
import { existingDefinition, placeLine, replaceLine, type Placement } from '../../src/domain/placement';
import { startSandbox, TYK_CONF_EXAMPLE, type Sandbox, type SandboxOptions } from './server';
import { SAMPLE } from './seed';

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program (stdin closed) without blocking the event loop: the sandbox answers in this process. */
function run(file: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Ran> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { ...options, timeout: 30_000, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end();
  });
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, name);
    if (dir !== '' && fs.existsSync(file)) {
      return file;
    }
  }
  return undefined;
}

/** The text a document holds after the product places `inserted` with the cursor at `offset` (the Replace answer). */
function placed(text: string, offset: number, inserted: string): string {
  const lines = text.split('\n');
  const before = text.slice(0, offset).split('\n');
  const cursor = { line: before.length - 1, character: before[before.length - 1].length };
  const existing = existingDefinition(lines, inserted);
  const p: Placement = existing !== undefined ? replaceLine(lines, existing, inserted) : placeLine(lines, cursor, inserted);
  const start = lines.slice(0, p.start.line).join('\n').length + (p.start.line > 0 ? 1 : 0) + p.start.character;
  const end = lines.slice(0, p.end.line).join('\n').length + (p.end.line > 0 ? 1 : 0) + p.end.character;
  return text.slice(0, start) + p.text + text.slice(end);
}

/** What was made and how the formats see it. */
interface Made {
  label: string;
  sandbox: Sandbox;
  api: TykApi;
  input: KeyFormatInput;
}

/** The answer of the upstream stand-in behind the API (what a 200 through the Gateway carries). */
function upstreamBody(api: TykApi): Record<string, unknown> {
  return { api: api.name, api_id: api.apiId, path: '/', method: 'GET' };
}

/**
 * A Node program that, for each folder, loads its .env with dotenv (as an app does) and calls the API with
 * the variables the inserted line set; prints the answers as JSON.
 */
const DOTENV_PROGRAM = `
const dotenv = require(process.argv[1]);
const runs = JSON.parse(process.argv[2]);
(async () => {
  const out = [];
  for (const [folder, url, header, name, user, password] of runs) {
    const env = {};
    dotenv.config({ path: folder + '/.env', processEnv: env, quiet: true });
    const value = user ? 'Basic ' + Buffer.from(env[user] + ':' + env[password]).toString('base64') : env[name];
    const r = await fetch(url, { headers: { [header]: value ?? '' } });
    out.push({ status: r.status, body: await r.json() });
  }
  console.log(JSON.stringify(out));
})();
`;

describe('insert formats, run as their users run them, against the sandbox Gateway', function () {
  this.timeout(60_000);
  const sandboxes: Sandbox[] = [];
  let dir: string;
  let curl: string | undefined;

  before(async () => {
    curl = onPath('curl');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tyk-insert-formats-'));
    sandboxes.push(await startSandbox({}), await startSandbox({ ...TYK_CONF_EXAMPLE }));
  });

  beforeEach(() => {
    for (const sb of sandboxes) {
      sb.reset();
    }
  });

  after(async () => {
    await Promise.all(sandboxes.map((sb) => sb.close()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const clientOf = (sb: Sandbox): TykClient => createTykClient({ flavor: 'dashboard', baseUrl: sb.dashboardUrl, credential: sb.credential });

  /** A key (or basic-auth user) made through the product's Dashboard client, with the formats' input. */
  async function make(label: string, options: SandboxOptions, apiId: string, basic = false): Promise<Made> {
    const sandbox = sandboxes[options.hashKeys ? 1 : 0];
    const client = clientOf(sandbox);
    const api = await client.getApi(apiId);
    const username = `user-${label}`;
    const password = generatePassword();
    const created = await client.createKey({
      access: [{ apiId: api.apiId, apiName: api.name, versions: api.versions }],
      ...DEFAULT_LIMITS,
      orgId: sandbox.orgId,
      ...(basic ? { basicAuth: { username, password } } : {}),
    });
    const gatewayBase = gatewayBaseFor({ kind: 'dashboard', url: sandbox.dashboardUrl, gatewayUrl: sandbox.gatewayUrl });
    const input: KeyFormatInput = { key: created.key, apis: [api], gatewayBase, ...(basic ? { credential: { kind: 'basic', username, password } } : {}) };
    return { label, sandbox, api, input };
  }

  /** Who gets what answer: a key 200; once revoked, a key 403 ("Access to this API has been disallowed"), a user 401. */
  const refusedStatus = (made: Made): number => (made.input.credential ? 401 : 403);

  /**
   * The scenarios, each made twice (one to use, one revoked before the run): a plain key on Petstore; Tyk's
   * tyk.conf.example keys (base64 with `=`) on Geo Lookup, which reads X-Api-Key; a basic-auth user on Reports.
   */
  async function scenarios(): Promise<Array<{ kept: Made; revoked: Made }>> {
    const out: Array<{ kept: Made; revoked: Made }> = [];
    for (const [label, options, apiId, basic] of [
      ['petstore', {}, SAMPLE.petstore.apiId, false],
      ['geo-hashed', { ...TYK_CONF_EXAMPLE }, SAMPLE.geoLookup.apiId, false],
      ['reports-basic', {}, SAMPLE.reportsBasic.apiId, true],
    ] as const) {
      const kept = await make(label, options, apiId, basic);
      const revoked = await make(`${label}-revoked`, options, apiId, basic);
      await clientOf(revoked.sandbox).deleteKey({ id: revoked.input.key });
      out.push({ kept, revoked });
    }
    return out;
  }

  function text(format: KeyFormat, made: Made): string {
    return formatKey(format, made.input);
  }

  /** What the Gateway recorded for the scenario's API, in order. */
  function recorded(made: Made): number[] {
    return made.sandbox.calls({ apiId: made.api.apiId }).map((c) => c.status);
  }

  it('the curl line in bash: 200 with the key; refused once the key is revoked', async () => {
    assert.ok(curl, 'curl is not installed: this test runs the curl line the extension inserts. Install it (apt-get install -y curl) and run again.');
    const bash = onPath('bash') ?? assert.fail('bash is not installed');
    for (const { kept, revoked } of await scenarios()) {
      const line = text('curl', kept);
      assert.match(line, /^curl /);
      const ok = await run(bash, ['-c', line], { cwd: dir });
      assert.equal(ok.code, 0, `${kept.label}: ${line}\n${ok.stderr}`);
      assert.deepEqual(JSON.parse(ok.stdout), upstreamBody(kept.api), kept.label);
      const refused = await run(bash, ['-c', text('curl', revoked)], { cwd: dir });
      const error = revoked.input.credential ? 'User not authorised' : 'Access to this API has been disallowed';
      assert.deepEqual(JSON.parse(refused.stdout), { error }, revoked.label);
      assert.deepEqual(recorded(kept), [200, refusedStatus(revoked)], kept.label);
    }
  });

  it('the .env line loaded by dotenv in a Node program: 200 with the key; refused once the key is revoked', async () => {
    const runs: Array<{ made: Made; folder: string; args: string[] }> = [];
    for (const { kept, revoked } of await scenarios()) {
      for (const made of [kept, revoked]) {
        const folder = fs.mkdtempSync(path.join(dir, `${made.label}-`));
        fs.writeFileSync(path.join(folder, '.env'), `# the line Tyk Keys inserted\n${text('env', made)}\n`);
        const url = `${made.input.gatewayBase}${made.api.listenPath}`;
        const name = envVariableName(made.api.name);
        const args = made.input.credential
          ? [url, 'Authorization', '', name.replace(/^TYK_KEY/, 'TYK_USER'), name.replace(/^TYK_KEY/, 'TYK_PASSWORD')]
          : [url, made.api.authHeaderName, name];
        runs.push({ made, folder, args });
      }
    }
    // One Node program for them all (a Node start costs a second on a busy machine), each .env read by dotenv.
    const program = [require.resolve('dotenv'), JSON.stringify(runs.map((r) => [r.folder, ...r.args]))];
    const ran = await run(process.execPath, ['-e', DOTENV_PROGRAM, ...program], { cwd: dir });
    assert.equal(ran.code, 0, ran.stderr);
    const answers = JSON.parse(ran.stdout) as Array<{ status: number; body: unknown }>;
    assert.equal(answers.length, runs.length, ran.stderr);
    runs.forEach(({ made }, i) => {
      const expected = made.label.endsWith('-revoked') ? refusedStatus(made) : 200;
      assert.equal(answers[i].status, expected, `${made.label}: ${JSON.stringify(answers[i].body)}`);
      if (expected === 200) {
        assert.deepEqual(answers[i].body, upstreamBody(made.api), made.label);
      }
    });
  });

  it('the REST Client request file sent by httpyac: 200 with the key; refused once the key is revoked', async () => {
    const files = new Map<string, { made: Made; status: number }>();
    for (const { kept, revoked } of await scenarios()) {
      for (const made of [kept, revoked]) {
        // Tyk: New .http File, then the key inserted at its cursor in the REST Client format (Replace).
        const { text: empty, keyOffset } = requestFileText(made.input.gatewayBase, made.api);
        const file = path.join(dir, `${made.label}.http`);
        fs.writeFileSync(file, placed(empty, keyOffset, text('restClient', made)));
        files.set(file, { made, status: made === kept ? 200 : refusedStatus(made) });
      }
    }
    const httpyac = path.join(path.dirname(require.resolve('httpyac/package.json')), 'bin', 'httpyac.js');
    // One run for every file (httpyac takes seconds to start); HOME is the scratch folder: no user configuration.
    const ran = await run(process.execPath, [httpyac, 'send', ...files.keys(), '--all', '--json'], { cwd: dir, env: { ...process.env, HOME: dir } });
    const report = JSON.parse(ran.stdout) as { requests: Array<{ fileName: string; response?: { statusCode: number; body: string } }> };
    const sent = report.requests.map((r) => [path.basename(r.fileName), r.response?.statusCode]);
    assert.equal(report.requests.length, files.size, `${JSON.stringify(sent)}\n${ran.stderr}`);
    for (const r of report.requests) {
      const expected = files.get(r.fileName) ?? assert.fail(`httpyac ran ${r.fileName}`);
      const name = path.basename(r.fileName);
      assert.equal(r.response?.statusCode, expected.status, `${name}: ${r.response?.body}\n${fs.readFileSync(r.fileName, 'utf8')}`);
      if (expected.status === 200) {
        assert.deepEqual(JSON.parse(r.response.body), upstreamBody(expected.made.api), name);
      }
      assert.equal(recorded(expected.made).length, 2, `${name}: the Gateway recorded both calls to ${expected.made.api.name}`);
    }
  });
});
