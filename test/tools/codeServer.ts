/**
 * Runs things inside a real VS Code without internet: code-server 4.139.1 (= the VS Code 1.139.1 server
 * and workbench, with a Node extension host) started by its own Node 24, driven by Debian's Chromium
 * through playwright-core. See test/tools/install-code-server.sh for the install.
 *
 * Environment knobs:
 *   KEEP_VSCODE_TMP=1     keep the temp folders (user data, extensions, logs) of every run
 *   TYK_VSCODE_CACHE=dir  install folder (default <repo>/.vscode-test), as for install-code-server.sh
 *   VSCODE_TEST_VERBOSE=1 also print code-server's own output and the browser console
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as util from 'node:util';
import type { Browser, Page } from 'playwright-core';

export interface CodeServerInstall {
  /** Node 24 binary that runs code-server (its postinstall refuses other majors). */
  node24: string;
  /** code-server's out/node/entry.js */
  entry: string;
  /** Debian's Chromium */
  chromium: string;
  /** code-server version, e.g. 4.139.1 */
  version: string;
}

export interface CodeServerHandle {
  /** http://127.0.0.1:PORT (no trailing slash) */
  url: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  /** Root temp folder holding everything above, XDG dirs and config.yaml. */
  tmpDir: string;
  /** The install that runs this server (so installVsix can take the handle). */
  install: CodeServerInstall;
  /** Stops code-server and all its children (extension hosts); removes tmpDir unless KEEP_VSCODE_TMP=1. */
  stop(): Promise<void>;
  /** code-server's stdout and stderr so far. */
  logs(): string;
  /** Resolves with code-server's exit code when its process ends (for whatever reason). */
  whenExited: Promise<number | null>;
}

export interface StartCodeServerOptions {
  port?: number;
  /** Pass `--vscode-option enable-smoke-test-driver` (default true): without it the URL payload is ignored. */
  smokeTestDriver?: boolean;
  extraArgs?: string[];
  env?: Record<string, string>;
  /** Written to <userDataDir>/User/settings.json before start. */
  settings?: Record<string, unknown>;
  /** How long to wait for the server to answer HTTP (default 60 s). */
  startTimeoutMs?: number;
  /** Working directory of code-server and so of the extension host (default process.cwd()). */
  cwd?: string;
}

export interface WorkbenchUrlOptions {
  /** Absolute path on the server's machine of the folder to open. Without it an empty window opens. */
  folder?: string;
  /** Absolute path of the extension under development. */
  extensionDevelopmentPath?: string;
  /** Absolute path of the compiled test index module (exports run(): Promise<void>). */
  extensionTestsPath?: string;
  /** Extra process.env entries for the extension host. */
  extensionEnvironment?: Record<string, string>;
  skipWelcome?: boolean;
}

export interface ExtensionTestResult {
  exitCode: number;
  /** Extension host console output and workbench log lines, in order. */
  log: string[];
  timedOut: boolean;
  /** PNG of the workbench when the run timed out. */
  screenshot?: string;
  /** Where the time went: server start, browser launch, page load until run() settled, total (ms). */
  timingsMs?: { server: number; browser: number; tests: number; total: number };
}

export interface RunExtensionTestsOptions {
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  folder?: string;
  extensionEnvironment?: Record<string, string>;
  /** Default 120 s. */
  timeoutMs?: number;
  /** Receives every log line; without it lines go to stdout. */
  onLog?: (line: string) => void;
  settings?: Record<string, unknown>;
  /** VSIX files installed into the (fresh) extensions folder before the window opens. */
  vsix?: string[];
  /** Where to save the timeout screenshot (default <cache>/screenshots/timeout-<time>.png). */
  screenshotPath?: string;
}

/** Chromium flags that keep it offline and working in containers. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--disable-breakpad',
];

/** Settings that keep a fresh profile quiet; callers' settings override them. */
export const DEFAULT_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

const keepTmp = (): boolean => process.env.KEEP_VSCODE_TMP === '1';
const verbose = (): boolean => process.env.VSCODE_TEST_VERBOSE === '1';

// ---------------------------------------------------------------------------------------------
// Pure helpers (unit-tested in codeServer.test.ts)

/** Parses KEY=VALUE lines (as written by install-code-server.sh); ignores blanks and # comments. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) {
      continue;
    }
    let value = line.slice(eq + 1).trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) {
      value = value.slice(1, -1);
    }
    out[line.slice(0, eq).trim()] = value;
  }
  return out;
}

/** Turns the parsed env file into a CodeServerInstall; throws naming the missing keys. */
export function installFromEnv(env: Record<string, string>): CodeServerInstall {
  const missing = ['NODE24', 'CODE_SERVER_ENTRY'].filter((k) => !env[k]);
  if (missing.length > 0) {
    throw new Error(`code-server.env lacks ${missing.join(', ')}`);
  }
  return {
    node24: env.NODE24,
    entry: env.CODE_SERVER_ENTRY,
    chromium: env.CHROMIUM || '/usr/bin/chromium',
    version: env.CODE_SERVER_VERSION || 'unknown',
  };
}

/** Percent-encodes an absolute POSIX path segment by segment, keeping the slashes. */
export function encodePath(absPath: string): string {
  const posix = absPath.split(path.sep).join('/');
  const withSlash = posix.startsWith('/') ? posix : `/${posix}`;
  return withSlash
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/**
 * vscode-remote://HOST:PORT/abs/path — how the browser workbench names a file on the code-server
 * machine. The authority must be the host:port the browser loaded the workbench from.
 */
export function remoteUri(handle: { url: string; port: number }, absPath: string): string {
  return `vscode-remote://${authorityOf(handle)}${encodePath(absPath)}`;
}

function authorityOf(handle: { url: string; port: number }): string {
  const u = new URL(handle.url);
  return u.port ? u.host : `${u.hostname}:${handle.port}`;
}

/** The payload pairs the workbench reads from ?payload= (only with the smoke-test driver enabled). */
export function workbenchPayload(handle: { url: string; port: number }, o: WorkbenchUrlOptions): Array<[string, string]> {
  const payload: Array<[string, string]> = [];
  if (o.extensionDevelopmentPath) {
    payload.push(['extensionDevelopmentPath', remoteUri(handle, o.extensionDevelopmentPath)]);
  }
  if (o.extensionTestsPath) {
    payload.push(['extensionTestsPath', remoteUri(handle, o.extensionTestsPath)]);
  }
  if (o.extensionEnvironment && Object.keys(o.extensionEnvironment).length > 0) {
    payload.push(['extensionEnvironment', JSON.stringify(o.extensionEnvironment)]);
  }
  if (o.skipWelcome ?? true) {
    payload.push(['skipWelcome', 'true']);
  }
  return payload;
}

/** http://HOST:PORT/?folder=/abs&payload=… (or ?ew=true for an empty window). */
export function workbenchUrl(handle: { url: string; port: number }, o: WorkbenchUrlOptions): string {
  const params: string[] = [];
  if (o.folder) {
    // code-server treats a folder starting with "/" as a path on the remote (vscode-remote://) side.
    params.push(`folder=${encodeURIComponent(o.folder.split(path.sep).join('/'))}`);
  } else {
    params.push('ew=true');
  }
  const payload = workbenchPayload(handle, o);
  if (payload.length > 0) {
    params.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  }
  return `${handle.url.replace(/\/+$/, '')}/?${params.join('&')}`;
}

/** The code-server command line (without the node binary). */
export function codeServerArgs(
  install: Pick<CodeServerInstall, 'entry'>,
  o: { port: number; tmpDir: string; userDataDir: string; extensionsDir: string; smokeTestDriver: boolean; extraArgs?: string[] },
): string[] {
  const args = [
    install.entry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${o.port}`,
    '--config',
    path.join(o.tmpDir, 'config.yaml'),
    '--user-data-dir',
    o.userDataDir,
    '--extensions-dir',
    o.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  if (o.smokeTestDriver) {
    args.push('--vscode-option', 'enable-smoke-test-driver');
  }
  args.push(...(o.extraArgs ?? []));
  return args;
}

/**
 * The environment for code-server: the caller's, minus variables that would redirect it
 * ($PORT overrides --bind-addr, $PASSWORD, VS Code's own IPC variables, NODE_OPTIONS for Node 20),
 * plus an empty gallery and XDG folders inside tmpDir so nothing is written to $HOME.
 */
export function codeServerEnv(
  base: NodeJS.ProcessEnv,
  tmpDir: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  const drop = /^(PORT|PASSWORD|HASHED_PASSWORD|GITHUB_TOKEN|NODE_OPTIONS|NODE_PATH|ELECTRON_RUN_AS_NODE|VSCODE_.*|CODE_SERVER_.*|npm_.*)$/;
  for (const [k, v] of Object.entries(base)) {
    if (v !== undefined && !drop.test(k)) {
      env[k] = v;
    }
  }
  const xdg = path.join(tmpDir, 'xdg');
  Object.assign(env, {
    EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
    XDG_STATE_HOME: path.join(xdg, 'state'),
    XDG_RUNTIME_DIR: path.join(xdg, 'runtime'),
    TMPDIR: path.join(tmpDir, 'tmp'),
  });
  return Object.assign(env, extra);
}

/**
 * Turns codeAutomationLog's (type, args) into text lines. The extension host forwards console calls
 * unformatted (mocha's reporter logs `["  %d passing (%s)", 1, "5ms"]`), so apply util.format here.
 */
export function formatAutomationLog(type: string, args: unknown): string[] {
  const list = Array.isArray(args) ? (args as unknown[]) : [args];
  const text = util.format(...list).replace(/\s+$/, '');
  const prefix = type === 'error' || type === 'warn' ? `[${type}] ` : '';
  return text.split(/\r?\n/).map((l, i) => (i === 0 ? prefix + l : l));
}

/**
 * The workbench's own info messages that arrive through codeAutomationLog next to the extension
 * host's console output (both come as plain info lines, without a source label).
 */
const WORKBENCH_NOISE: readonly RegExp[] = [
  /^Resolving connection token \(/,
  /^Resolved connection token \(/,
  /^Creating a socket \(/,
  /^\[reconnection-grace-time\]/,
  /^Ignoring fetching additional builtin extensions from gallery/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^\[AgentHost[:\]]/,
  /^\[AccountPolicyGate\]/,
  /^\[driver\]/,
  // Pending requests cancelled while the extension host shuts down after run() settled.
  /^Canceled(: Canceled)*$/,
];

/** True for a workbench bookkeeping line (kept in the result's log, not echoed unless verbose). */
export function isWorkbenchNoise(line: string): boolean {
  const text = line.replace(/^\[(error|warn)\] /, '');
  return WORKBENCH_NOISE.some((re) => re.test(text));
}

/** Parses `--env KEY=VALUE` values. */
export function parseEnvAssignment(s: string): [string, string] {
  const eq = s.indexOf('=');
  if (eq <= 0) {
    throw new Error(`expected KEY=VALUE, got "${s}"`);
  }
  return [s.slice(0, eq), s.slice(eq + 1)];
}

// ---------------------------------------------------------------------------------------------
// Install

/** <repo root>: the folder holding test/tools/install-code-server.sh (works from test/ and out/test/). */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, 'test', 'tools', 'install-code-server.sh'))) {
      return dir;
    }
    const up = path.dirname(dir);
    if (up === dir) {
      throw new Error(`cannot find test/tools/install-code-server.sh above ${__dirname}`);
    }
    dir = up;
  }
}

export function cacheDir(): string {
  return process.env.TYK_VSCODE_CACHE || path.join(repoRoot(), '.vscode-test');
}

let installPromise: Promise<CodeServerInstall> | undefined;

/** Runs install-code-server.sh (idempotent; about 0.1 s when installed) and reads its env file. */
export function ensureCodeServer(): Promise<CodeServerInstall> {
  installPromise ??= doEnsureCodeServer().catch((err: unknown) => {
    installPromise = undefined;
    throw err;
  });
  return installPromise;
}

async function doEnsureCodeServer(): Promise<CodeServerInstall> {
  const script = path.join(repoRoot(), 'test', 'tools', 'install-code-server.sh');
  // Forward the installer's progress, but not the one-line "ready" it prints when all is cached.
  const { code, stdout, stderr } = await run('bash', [script], { stdio: ['ignore', 'pipe', 'pipe'] }, (chunk) => {
    const shown = chunk
      .split(/(?<=\n)/)
      .filter((l) => !/^\[install-code-server\] ready: /.test(l))
      .join('');
    if (shown) {
      process.stderr.write(shown);
    }
  });
  if (code !== 0) {
    throw new Error(`install-code-server.sh failed (exit ${code}):\n${stderr}`);
  }
  const lines = stdout.trim().split(/\r?\n/);
  const envFile = lines[lines.length - 1] || path.join(cacheDir(), 'code-server.env');
  const install = installFromEnv(parseEnvFile(await readFile(envFile, 'utf8')));
  for (const f of [install.node24, install.entry, install.chromium]) {
    if (!existsSync(f)) {
      throw new Error(`${f} (from ${envFile}) does not exist; rerun test/tools/install-code-server.sh`);
    }
  }
  return install;
}

// ---------------------------------------------------------------------------------------------
// Server

/** A port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function makeTmpDirs(prefix: string): Promise<{ tmpDir: string; userDataDir: string; extensionsDir: string }> {
  const tmpDir = await mkdtemp(path.join(os.tmpdir(), prefix));
  const userDataDir = path.join(tmpDir, 'user-data');
  const extensionsDir = path.join(tmpDir, 'extensions');
  for (const d of [
    path.join(userDataDir, 'User'),
    extensionsDir,
    path.join(tmpDir, 'tmp'),
    ...['config', 'data', 'cache', 'state'].map((x) => path.join(tmpDir, 'xdg', x)),
  ]) {
    await mkdir(d, { recursive: true });
  }
  await mkdir(path.join(tmpDir, 'xdg', 'runtime'), { recursive: true, mode: 0o700 });
  return { tmpDir, userDataDir, extensionsDir };
}

/** Process group id → temp folder of every code-server still running. */
const liveGroups = new Map<number, string>();
let exitHookInstalled = false;
let interrupted: NodeJS.Signals | undefined;

/**
 * Kills the process groups we started if this process exits or is interrupted without stopping them
 * (code-server runs in its own process group, so a Ctrl-C at the terminal does not reach it).
 */
function installExitHook(): void {
  if (exitHookInstalled) {
    return;
  }
  exitHookInstalled = true;
  const killAll = (): void => {
    for (const [pid, tmpDir] of liveGroups) {
      killGroup(pid, 'SIGKILL');
      if (!keepTmp()) {
        rmSync(tmpDir, { recursive: true, force: true, maxRetries: 3 });
      }
    }
    liveGroups.clear();
  };
  process.on('exit', killAll);
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupted = signal;
    killAll();
    // Alone on this signal: restore the default (terminate) by raising it again.
    if (process.listenerCount(signal) === 0) {
      process.kill(process.pid, signal);
    }
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/** A delay that does not keep the process alive. */
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms).unref());

export async function startCodeServer(opts: StartCodeServerOptions = {}): Promise<CodeServerHandle> {
  const install = await ensureCodeServer();
  const { tmpDir, userDataDir, extensionsDir } = await makeTmpDirs('tyk-code-server-');
  const port = opts.port ?? (await freePort());
  await writeFile(path.join(tmpDir, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  await writeFile(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...(opts.settings ?? {}) }, null, 2),
  );

  const args = codeServerArgs(install, {
    port,
    tmpDir,
    userDataDir,
    extensionsDir,
    smokeTestDriver: opts.smokeTestDriver ?? true,
    extraArgs: opts.extraArgs,
  });
  const child = spawn(install.node24, args, {
    cwd: opts.cwd ?? process.cwd(),
    env: codeServerEnv(process.env, tmpDir, opts.env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group: stop() kills the extension hosts too
  });
  const pid = child.pid;
  if (pid === undefined) {
    throw new Error(`could not start ${install.node24}`);
  }
  installExitHook();
  liveGroups.set(pid, tmpDir);

  let output = '';
  const MAX = 2_000_000;
  const onData = (chunk: Buffer): void => {
    const s = chunk.toString();
    output = (output + s).slice(-MAX);
    if (verbose()) {
      process.stderr.write(`[code-server] ${s}`);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  let exited: number | null | undefined;
  const whenExited = new Promise<number | null>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = code ?? (signal ? -1 : null);
      liveGroups.delete(pid);
      resolve(exited);
    });
  });
  const exitPromise = whenExited.then(() => undefined);

  let stopped: Promise<void> | undefined;
  const url = `http://127.0.0.1:${port}`;
  const handle: CodeServerHandle = {
    url,
    port,
    userDataDir,
    extensionsDir,
    tmpDir,
    install,
    whenExited,
    logs: () => output,
    stop: () => {
      stopped ??= (async () => {
        if (exited === undefined) {
          killGroup(pid, 'SIGTERM');
          const done = await Promise.race([exitPromise.then(() => true), sleep(5000).then(() => false)]);
          if (!done) {
            killGroup(pid, 'SIGKILL');
            await Promise.race([exitPromise, sleep(2000)]);
          }
        }
        // Extension hosts may outlive the server for a moment: sweep the group once more.
        killGroup(pid, 'SIGKILL');
        liveGroups.delete(pid);
        if (!keepTmp()) {
          await rm(tmpDir, { recursive: true, force: true, maxRetries: 3 });
        } else {
          process.stderr.write(`[code-server] kept ${tmpDir}\n`);
        }
      })();
      return stopped;
    },
  };

  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exited !== undefined) {
      await handle.stop();
      throw new Error(`code-server exited (${String(exited)}) before answering:\n${output}`);
    }
    const status = await httpStatus(`${url}/healthz`);
    if (status >= 200 && status < 400) {
      return handle;
    }
    if (Date.now() > deadline) {
      await handle.stop();
      throw new Error(`code-server did not answer on ${url} in time:\n${output}`);
    }
    await sleep(150);
  }
}

/**
 * `code-server --install-extension <vsix>` into extensionsDir, offline. With a handle its user data
 * folder and XDG dirs are used; with a bare install a throwaway folder is used. Install before the
 * workbench window opens (the extension host scans the folder when it starts).
 */
export async function installVsix(
  target: CodeServerHandle | CodeServerInstall,
  vsixPath: string,
  extensionsDir: string,
): Promise<void> {
  const isHandle = 'url' in target;
  const install = isHandle ? target.install : target;
  const own = isHandle ? undefined : await makeTmpDirs('tyk-code-server-install-');
  const { tmpDir, userDataDir } = isHandle ? target : (own as { tmpDir: string; userDataDir: string });
  try {
    await mkdir(extensionsDir, { recursive: true });
    if (!existsSync(path.join(tmpDir, 'config.yaml'))) {
      await writeFile(path.join(tmpDir, 'config.yaml'), 'auth: none\ncert: false\n');
    }
    const args = [
      install.entry,
      '--config',
      path.join(tmpDir, 'config.yaml'),
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      '--install-extension',
      path.resolve(vsixPath),
      '--force',
    ];
    const { code, stdout, stderr } = await run(install.node24, args, {
      env: codeServerEnv(process.env, tmpDir),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = `${stdout}${stderr}`;
    if (code !== 0 || /Failed Installing|Error:/i.test(out)) {
      throw new Error(`installing ${vsixPath} failed (exit ${code}):\n${out}`);
    }
  } finally {
    if (own && !keepTmp()) {
      await rm(own.tmpDir, { recursive: true, force: true });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Browser and test runs

/**
 * Debian's Chromium, headless, offline. Playwright never downloads a browser here. Chromium's
 * crashpad and dconf files go to a temp folder (removed when the browser disconnects), not $HOME.
 */
export async function launchBrowser(): Promise<Browser> {
  const install = await ensureCodeServer();
  const { chromium } = await import('playwright-core');
  const home = await mkdtemp(path.join(os.tmpdir(), 'tyk-chromium-'));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined) {
      env[k] = v;
    }
  }
  Object.assign(env, {
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  });
  try {
    const browser = await chromium.launch({
      executablePath: install.chromium,
      headless: true,
      args: [...CHROMIUM_ARGS],
      env,
    });
    browser.on('disconnected', () => {
      void rm(home, { recursive: true, force: true, maxRetries: 3 });
    });
    return browser;
  } catch (err) {
    await rm(home, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Starts code-server, opens the workbench with the extension under development and its test module,
 * streams the extension host's console, and resolves with the exit code that `run()` produced
 * (0 when its promise resolved). Always stops browser and server.
 */
export async function runExtensionTests(o: RunExtensionTestsOptions): Promise<ExtensionTestResult> {
  const log: string[] = [];
  const emit = (line: string, echo = true): void => {
    log.push(line);
    if (!echo) {
      return;
    }
    if (o.onLog) {
      o.onLog(line);
    } else {
      process.stdout.write(`${line}\n`);
    }
  };
  for (const [what, p] of [
    ['extensionDevelopmentPath', o.extensionDevelopmentPath],
    ['extensionTestsPath', o.extensionTestsPath],
  ] as const) {
    if (!path.isAbsolute(p)) {
      throw new Error(`${what} must be absolute: ${p}`);
    }
    if (!existsSync(p)) {
      throw new Error(`${what} does not exist: ${p}`);
    }
  }

  const t0 = Date.now();
  const handle = await startCodeServer({ settings: o.settings, smokeTestDriver: true });
  const tServer = Date.now();
  let tBrowser = tServer;
  const timings = (): NonNullable<ExtensionTestResult['timingsMs']> => {
    const now = Date.now();
    return { server: tServer - t0, browser: tBrowser - tServer, tests: now - tBrowser, total: now - t0 };
  };
  let browser: Browser | undefined;
  try {
    for (const vsix of o.vsix ?? []) {
      await installVsix(handle, vsix, handle.extensionsDir);
    }
    browser = await launchBrowser();
    tBrowser = Date.now();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();

    let settle: (r: { code: number; reason?: string }) => void = () => undefined;
    const finished = new Promise<{ code: number; reason?: string }>((resolve) => {
      settle = resolve;
    });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
      const lines = formatAutomationLog(type, args);
      const echo = verbose() || !isWorkbenchNoise(lines[0] ?? '');
      for (const line of lines) {
        emit(line, echo);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => {
      settle({ code: typeof code === 'number' ? code : 1 });
    });
    page.on('crash', () => settle({ code: 1, reason: 'the workbench page crashed' }));
    void handle.whenExited.then((code) =>
      settle({
        code: 1,
        reason: interrupted ? `interrupted (${interrupted})` : `code-server exited (${String(code)}):\n${handle.logs()}`,
      }),
    );
    page.on('pageerror', (err) => {
      if (verbose()) {
        emit(`[browser] ${err.message}`);
      }
    });
    page.on('console', (msg) => {
      if (verbose()) {
        emit(`[browser:${msg.type()}] ${msg.text()}`);
      }
    });

    const url = workbenchUrl(handle, {
      folder: o.folder,
      extensionDevelopmentPath: o.extensionDevelopmentPath,
      extensionTestsPath: o.extensionTestsPath,
      extensionEnvironment: o.extensionEnvironment,
      skipWelcome: true,
    });
    const timeoutMs = o.timeoutMs ?? 120_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const outcome = await Promise.race([finished, timeout]);
    clearTimeout(timer);

    if (outcome === 'timeout') {
      const screenshot = await takeScreenshot(page, o.screenshotPath);
      emit(`[runExtensionTests] timed out after ${timeoutMs} ms${screenshot ? `; screenshot: ${screenshot}` : ''}`);
      return { exitCode: 1, log, timedOut: true, screenshot, timingsMs: timings() };
    }
    if (outcome.reason) {
      emit(`[runExtensionTests] ${outcome.reason}`);
    }
    return { exitCode: outcome.code, log, timedOut: false, timingsMs: timings() };
  } catch (err) {
    emit(`[runExtensionTests] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    emit(`[runExtensionTests] code-server output:\n${handle.logs()}`);
    return { exitCode: 1, log, timedOut: false, timingsMs: timings() };
  } finally {
    await browser?.close().catch(() => undefined);
    await handle.stop();
  }
}

async function takeScreenshot(page: Page, target?: string): Promise<string | undefined> {
  const file =
    target ?? path.join(cacheDir(), 'screenshots', `timeout-${new Date().toISOString().replace(/[:.]/g, '-')}.png`);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, timeout: 10_000 });
    return file;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------

function run(
  cmd: string,
  args: string[],
  options: SpawnOptions,
  onStderr?: (chunk: string) => void,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(cmd, args, options);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
      onStderr?.(c.toString());
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
