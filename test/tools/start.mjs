#!/usr/bin/env node
// `npm start`: build the extension, start the sandbox Tyk (or use yours), and open a real VS Code with
// the extension loaded from its sources (Development mode) and connected to that Tyk.
//
//   npm start                                   sandbox on :3000 / :8080 (or free ports when busy)
//   npm start -- --dashboard-url <url> --credential <c>   your Tyk Dashboard instead (no sandbox);
//                                               or TYK_DASHBOARD_URL / TYK_CREDENTIAL in the environment
//   npm start -- --code-server                  use the offline code-server even when `code` is on PATH
//   npm start -- --port <n>                     code-server's port (default: a free one)
//   npm start -- --check                        (tests, CI) the code-server path, then open the URL in headless
//                                               Chromium and check the Tyk view lists the sandbox's APIs
//
// With a desktop `code` on PATH: `code --extensionDevelopmentPath=<repo> --new-window --wait <scratch folder>`
// in a profile of its own (.vscode-test/npm-start-profile, so the development connections are not written
// to your everyday settings), and the sandbox runs until the window closes or Ctrl+C.
// Without it: code-server (VS Code 1.139 in the browser, installed by test/tools/install-code-server.sh)
// on 127.0.0.1, and a URL to open; everything stops on Ctrl+C / SIGTERM.
//
// The connections reach the extension through TYK_KEYS_DEV_CONNECTIONS in the environment of VS Code
// (and so of its extension host): never in the URL. The extension honours it only in Development mode.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

const USAGE = `Usage: npm start [-- options]

Builds the extension, starts a local sandbox Tyk and opens VS Code with the extension connected to it.

Options:
  --dashboard-url <url>   use this Tyk Dashboard instead of the sandbox (or env TYK_DASHBOARD_URL)
  --credential <secret>   its Dashboard API credential (or env TYK_CREDENTIAL)
  --code-server           use the offline code-server (browser) even when a desktop \`code\` is on PATH
  --port <n>              code-server's port (default: a free one)
  --sandbox-log           print the sandbox's request log
  --check                 for tests/CI: code-server, headless Chromium, check the Tyk view, exit
  -h, --help              this help
`;

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const o = {
    check: false,
    codeServer: false,
    port: undefined,
    sandboxLog: false,
    dashboardUrl: process.env.TYK_DASHBOARD_URL || undefined,
    credential: process.env.TYK_CREDENTIAL || undefined,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      const v = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '') {
        throw new UsageError(`${flag} needs a value`);
      }
      return v;
    };
    switch (flag) {
      case '--check':
        o.check = true;
        break;
      case '--code-server':
        o.codeServer = true;
        break;
      case '--port': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 65535) {
          throw new UsageError(`--port: ${v} is not a port`);
        }
        o.port = Number(v);
        break;
      }
      case '--sandbox-log':
        o.sandboxLog = true;
        break;
      case '--dashboard-url':
        o.dashboardUrl = value();
        break;
      case '--credential':
        o.credential = value();
        break;
      case '-h':
      case '--help':
        o.help = true;
        break;
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  if (Boolean(o.dashboardUrl) !== Boolean(o.credential)) {
    throw new UsageError('a Tyk of your own needs both --dashboard-url and --credential (or TYK_DASHBOARD_URL and TYK_CREDENTIAL)');
  }
  if (o.dashboardUrl) {
    let u;
    try {
      u = new URL(o.dashboardUrl);
    } catch {
      throw new UsageError(`--dashboard-url: ${o.dashboardUrl} is not a URL`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      throw new UsageError(`--dashboard-url: ${o.dashboardUrl} is not an http(s) URL`);
    }
    o.dashboardUrl = o.dashboardUrl.replace(/\/+$/, '');
  }
  return o;
}

class UsageError extends Error {}

// ---------------------------------------------------------------------------------------------
// Small helpers

const say = (line = '') => process.stdout.write(`${line}\n`);
const step = (line) => process.stderr.write(`[npm start] ${line}\n`);

function runStep(what, command, args) {
  const t0 = Date.now();
  const r = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  const ms = Date.now() - t0;
  return { ok: r.status === 0, status: r.status ?? (r.signal ? 1 : 0), ms, what };
}

/** True when nothing listens on 127.0.0.1:port (a port the sandbox can take). */
function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function onPath(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) {
      continue;
    }
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) {
        return file;
      }
    } catch {
      // not here
    }
  }
  return undefined;
}

function makeScratchFolder() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tyk-keys-playground-'));
  fs.writeFileSync(
    path.join(dir, 'try-it.md'),
    [
      '# Tyk Keys playground',
      '',
      'Open the Tyk view in the activity bar, expand a connection, and right-click an API → **Create Key…**.',
      'The new key is inserted at the cursor of the active editor — put the cursor after the colon:',
      '',
      'API key: ',
      '',
    ].join('\n'),
  );
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`npm start: ${err.message}\n\n${USAGE}`);
      process.exit(2);
    }
    throw err;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  const tStart = Date.now();
  const desktopCode = args.check || args.codeServer ? undefined : onPath('code');

  // 1. Build the extension and compile the sandbox and the harness (TypeScript under test/).
  step('building the extension (node esbuild.mjs)…');
  const build = runStep('build', process.execPath, [path.join(root, 'esbuild.mjs')]);
  if (!build.ok) {
    fail(`the extension's build failed (exit ${build.status}): see the errors above`);
  }
  step(`compiling the sandbox and the test harness (tsc -p tsconfig.json --outDir out)…`);
  const tsc = runStep('compile', process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--outDir', 'out', '--noEmit', 'false']);
  const needed = ['out/test/sandbox/server.js', 'out/test/tools/codeServer.js'].map((f) => path.join(root, f));
  if (!tsc.ok) {
    if (needed.every((f) => fs.existsSync(f))) {
      step(`warning: tsc reported type errors (above); what npm start needs was still emitted, continuing`);
    } else {
      fail(`compiling failed (exit ${tsc.status}) and ${needed.filter((f) => !fs.existsSync(f)).join(', ')} is missing`);
    }
  }
  step(`built in ${build.ms} ms, compiled in ${tsc.ms} ms`);

  const cleanups = [];
  let stopping;
  const stopAll = (why) => {
    stopping ??= (async () => {
      if (why) {
        step(`${why}: stopping`);
      }
      for (const c of cleanups.reverse()) {
        try {
          await c();
        } catch (err) {
          step(`cleanup failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    })();
    return stopping;
  };
  const exitAfterStop = (code, why) => {
    void stopAll(why).finally(() => process.exit(code));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => exitAfterStop(signal === 'SIGINT' ? 130 : 143, signal));
  }

  // 2. The Tyk to connect to: yours, or the sandbox.
  let connections;
  let sandboxInfo;
  if (args.dashboardUrl) {
    connections = [{ name: 'Tyk Dashboard', kind: 'dashboard', url: args.dashboardUrl, credential: args.credential }];
  } else {
    const { startSandbox } = require(path.join(root, 'out/test/sandbox/server.js'));
    // Well-known ports for a person; free ones for --check (a test must not take 3000/8080).
    const want = async (port) => (!args.check && (await portFree(port)) ? port : 0);
    const options = { port: await want(3000), gatewayPort: await want(8080), quiet: !args.sandboxLog };
    let sb;
    try {
      sb = await startSandbox(options);
    } catch (err) {
      if (err && err.code === 'EADDRINUSE') {
        sb = await startSandbox({ ...options, port: 0, gatewayPort: 0 });
      } else {
        throw err;
      }
    }
    cleanups.push(() => sb.close());
    sandboxInfo = sb;
    connections = [
      // gatewayUrl: where the Dashboard's APIs are served (the curl lines), also when 8080 was busy.
      { name: 'Tyk sandbox (Dashboard)', kind: 'dashboard', url: sb.dashboardUrl, credential: sb.credential, gatewayUrl: sb.gatewayUrl },
      { name: 'Tyk sandbox (Gateway)', kind: 'gateway', url: sb.gatewayUrl, credential: sb.gatewaySecret },
    ];
  }
  const devConnections = JSON.stringify(connections);

  const scratch = makeScratchFolder();
  cleanups.push(() => fs.rmSync(scratch, { recursive: true, force: true }));

  const printTyk = () => {
    if (sandboxInfo) {
      say(`Sandbox Tyk (${sandboxInfo.apis().length} APIs; it forgets its keys when it stops):`);
      say(`  Dashboard API  ${sandboxInfo.dashboardUrl}   credential  ${sandboxInfo.credential}   (header authorization)`);
      say(`  Gateway API    ${sandboxInfo.gatewayUrl}   secret      ${sandboxInfo.gatewaySecret}   (header x-tyk-authorization)`);
      say(`  The APIs       ${sandboxInfo.gatewayUrl}/petstore/ …   keys enforced as Tyk does: 200 with a key, 401/403 without`);
    } else {
      say(`Your Tyk Dashboard: ${args.dashboardUrl} (credential from ${process.argv.includes('--credential') ? '--credential' : 'TYK_CREDENTIAL'})`);
    }
  };

  // 3a. A desktop VS Code.
  if (desktopCode) {
    const profile = path.join(root, '.vscode-test', 'npm-start-profile');
    fs.mkdirSync(profile, { recursive: true });
    const codeArgs = [`--extensionDevelopmentPath=${root}`, '--new-window', '--wait', `--user-data-dir=${profile}`, scratch];
    step(`opening VS Code: ${desktopCode} ${codeArgs.join(' ')}`);
    const child = spawn(desktopCode, codeArgs, {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, TYK_KEYS_DEV_CONNECTIONS: devConnections },
    });
    say();
    say('VS Code is opening with Tyk Keys loaded from this repository (Development mode; its own profile in .vscode-test/npm-start-profile).');
    printTyk();
    say('Open the Tyk view in the activity bar: the connections are there. Ctrl+C (or closing that window) stops the sandbox.');
    child.on('error', (err) => exitAfterStop(1, `could not run ${desktopCode}: ${err.message}`));
    child.on('exit', (code) => exitAfterStop(code ?? 0, 'the VS Code window closed'));
    return;
  }

  // 3b. code-server, offline, in the browser.
  const harness = require(path.join(root, 'out/test/tools/codeServer.js'));
  step('starting code-server (VS Code in the browser)…');
  const handle = await harness.startCodeServer({
    // Without the smoke-test driver the workbench ignores the URL's extensionDevelopmentPath (built
    // VS Code web reads the payload only then). See the notes at the end of this file.
    smokeTestDriver: true,
    ...(args.port ? { port: args.port } : {}),
    env: { TYK_KEYS_DEV_CONNECTIONS: devConnections },
    cwd: root,
  });
  cleanups.push(() => handle.stop());
  const url = harness.workbenchUrl(handle, { folder: scratch, extensionDevelopmentPath: root, skipWelcome: true });
  if (url.includes('TYK_KEYS_DEV_CONNECTIONS')) {
    throw new Error('the connections must not travel in the URL');
  }
  void handle.whenExited.then((code) => {
    if (!stopping) {
      exitAfterStop(1, `code-server exited unexpectedly (${code}):\n${handle.logs().slice(-4000)}`);
    }
  });

  say();
  say('Tyk Keys is running in VS Code (code-server 1.139, offline). Open this URL in a browser on this machine:');
  say();
  say(`  ${url}`);
  say();
  printTyk();
  say('Open the Tyk view (the Tyk icon in the activity bar) and expand a connection. Notifications appear in');
  say('the notification centre (the bell, bottom right) rather than as pop-ups in this mode.');
  say('After changing src/: `npm run build` (or keep `npm run watch` running), then reload the page.');
  say(`Ready in ${((Date.now() - tStart) / 1000).toFixed(1)} s. Ctrl+C stops everything.`);

  if (!args.check) {
    return; // stays up: the signal handlers stop everything
  }

  // 4. --check: the same URL in headless Chromium; the Tyk view must list the sandbox's APIs.
  let code = 1;
  try {
    await check(harness, url, connections, sandboxInfo ? 'Petstore' : undefined);
    say(`npm start check: OK (${((Date.now() - tStart) / 1000).toFixed(1)} s)`);
    code = 0;
  } catch (err) {
    say(`npm start check: FAILED: ${err instanceof Error ? err.message : String(err)}`);
  }
  exitAfterStop(code);
}

async function check(harness, url, connections, sandboxApi) {
  const timeoutMs = Number(process.env.NPM_START_CHECK_TIMEOUT_MS) || 90_000;
  const browser = await harness.launchBrowser();
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(1000, deadline - Date.now());
  let stage = 'loading the workbench';
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: left() });
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: left() });

    stage = 'opening the Tyk view from the activity bar';
    // The tab's own aria-label is empty; its icon link carries "Tyk".
    const tykTab = page.locator('.part.activitybar [role="tab"]', { has: page.locator('a[aria-label^="Tyk"]') }).first();
    await tykTab.waitFor({ state: 'visible', timeout: left() });
    await tykTab.click();

    const dashboard = connections.find((c) => c.kind === 'dashboard');
    stage = `waiting for the connection "${dashboard.name}" in the Tyk view`;
    const rowWith = (text) =>
      page.locator('.part.sidebar [role="treeitem"]', { has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(text)}$`) }) });
    for (const c of connections) {
      await rowWith(c.name).first().waitFor({ state: 'visible', timeout: left() });
    }

    stage = `expanding "${dashboard.name}" and waiting for its APIs${sandboxApi ? ` (${sandboxApi})` : ''}`;
    const row = rowWith(dashboard.name).first();
    if ((await row.getAttribute('aria-expanded')) !== 'true') {
      await row.click();
    }
    // The sandbox's seed has a Petstore; a Tyk of your own: any API row under the connection.
    const apiRow = sandboxApi
      ? rowWith(sandboxApi)
      : page.locator('.part.sidebar [role="treeitem"][aria-level="2"]', {
          has: page.locator('.label-name', { hasNotText: /^(Could not load|No APIs|Loading…|Not all APIs)/ }),
        });
    // Fail fast, with the view's own words, when it shows an error row instead.
    const errorRow = page.locator('.part.sidebar [role="treeitem"][aria-level="2"]', {
      has: page.locator('.label-name', { hasText: /^(Could not load|Not all APIs)/ }),
    });
    for (;;) {
      if (await apiRow.first().isVisible()) {
        break;
      }
      if (await errorRow.first().isVisible()) {
        const tip = (await errorRow.first().getAttribute('aria-label')) || (await errorRow.first().innerText());
        throw new Error(`the Tyk view says: ${tip.replace(/\s+/g, ' ')}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`no API row within ${timeoutMs} ms`);
      }
      await page.waitForTimeout(250);
    }
    await browser.close();
  } catch (err) {
    const file = path.join(root, '.vscode-test', 'screenshots', `npm-start-check-${new Date().toISOString().replace(/[:.]/g, '-')}.png`);
    let shot = '';
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: file, timeout: 10_000 });
      shot = `; screenshot: ${file}`;
    } catch {
      // no screenshot
    }
    await browser.close().catch(() => undefined);
    throw new Error(`${stage}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}${shot}`);
  }
}

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function fail(message) {
  process.stderr.write(`npm start: ${message}\n`);
  process.exit(1);
}

main().catch((err) => {
  process.stderr.write(`npm start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

// Notes on code-server's smoke-test driver (VS Code 1.139.1 web workbench, read in its sources and
// checked in the browser): a built workbench honours `extensionDevelopmentPath` in the URL payload only
// when the server runs with `--vscode-option enable-smoke-test-driver` (`payload && (!isBuilt ||
// enableSmokeTestDriver)`); the server side has no other way to mark an extension as under development.
// With the driver on and no extensionTestsPath: modal dialogs and quick inputs work as usual (dialogs
// are refused only when extension tests run), but notification toasts are not shown: notifications
// go to the notification centre only. The context key `inAutomation` is true, and the settings
// editor opens in a normal editor group instead of a modal one.
