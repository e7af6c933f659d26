// Unit tests of the code-server harness's pure helpers. Nothing here starts code-server or a browser.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import {
  CHROMIUM_ARGS,
  codeServerArgs,
  codeServerEnv,
  encodePath,
  formatAutomationLog,
  freePort,
  installFromEnv,
  isWorkbenchNoise,
  parseEnvAssignment,
  parseEnvFile,
  remoteUri,
  repoRoot,
  workbenchPayload,
  workbenchUrl,
} from './codeServer';
import { parseArgs } from './runVsCodeTests';

const handle = { url: 'http://127.0.0.1:4321', port: 4321 };

function query(url: string): URLSearchParams {
  return new URL(url).searchParams;
}

describe('codeServer harness helpers', () => {
  describe('parseEnvFile / installFromEnv', () => {
    it('reads the installer env file', () => {
      const env = parseEnvFile(
        [
          '# written by install-code-server.sh',
          'NODE24=/c/node-24/bin/node',
          '',
          'CODE_SERVER_ENTRY="/c/cs/out/node/entry.js"',
          'CODE_SERVER_VERSION=4.139.1',
          'CHROMIUM=/usr/bin/chromium',
          'EXTRA=a=b',
          'garbage line',
        ].join('\n'),
      );
      assert.deepEqual(env, {
        NODE24: '/c/node-24/bin/node',
        CODE_SERVER_ENTRY: '/c/cs/out/node/entry.js',
        CODE_SERVER_VERSION: '4.139.1',
        CHROMIUM: '/usr/bin/chromium',
        EXTRA: 'a=b',
      });
      assert.deepEqual(installFromEnv(env), {
        node24: '/c/node-24/bin/node',
        entry: '/c/cs/out/node/entry.js',
        chromium: '/usr/bin/chromium',
        version: '4.139.1',
      });
    });

    it('handles CRLF and defaults chromium and version', () => {
      const install = installFromEnv(parseEnvFile('NODE24=/n\r\nCODE_SERVER_ENTRY=/e\r\n'));
      assert.deepEqual(install, { node24: '/n', entry: '/e', chromium: '/usr/bin/chromium', version: 'unknown' });
    });

    it('names the missing keys', () => {
      assert.throws(() => installFromEnv(parseEnvFile('CHROMIUM=/x')), /NODE24, CODE_SERVER_ENTRY/);
    });
  });

  describe('remote URIs and the workbench URL', () => {
    it('encodes path segments but keeps slashes', () => {
      assert.equal(encodePath('/tmp/my ext/a#b%c.js'), '/tmp/my%20ext/a%23b%25c.js');
      assert.equal(remoteUri(handle, '/work/main/out/test/index.js'), 'vscode-remote://127.0.0.1:4321/work/main/out/test/index.js');
    });

    it('builds folder and payload from absolute paths', () => {
      const url = workbenchUrl(handle, {
        folder: '/work/ws folder',
        extensionDevelopmentPath: '/work/main',
        extensionTestsPath: '/work/main/out/test/integration/index.js',
        extensionEnvironment: { TYK_URL: 'http://127.0.0.1:1/x?y=1&z', QUOTE: '"' },
      });
      assert.ok(url.startsWith('http://127.0.0.1:4321/?folder='));
      const q = query(url);
      assert.equal(q.get('folder'), '/work/ws folder');
      assert.equal(q.get('ew'), null);
      const payload = JSON.parse(q.get('payload') ?? 'null') as Array<[string, string]>;
      assert.deepEqual(payload, [
        ['extensionDevelopmentPath', 'vscode-remote://127.0.0.1:4321/work/main'],
        ['extensionTestsPath', 'vscode-remote://127.0.0.1:4321/work/main/out/test/integration/index.js'],
        ['extensionEnvironment', JSON.stringify({ TYK_URL: 'http://127.0.0.1:1/x?y=1&z', QUOTE: '"' })],
        ['skipWelcome', 'true'],
      ]);
    });

    it('opens an empty window without a folder and can omit skipWelcome', () => {
      const url = workbenchUrl({ url: 'http://127.0.0.1:9/', port: 9 }, { skipWelcome: false });
      assert.equal(url, 'http://127.0.0.1:9/?ew=true');
    });

    it('leaves out an empty extensionEnvironment', () => {
      const pairs = workbenchPayload(handle, { extensionDevelopmentPath: '/x', extensionEnvironment: {} });
      assert.deepEqual(
        pairs.map(([k]) => k),
        ['extensionDevelopmentPath', 'skipWelcome'],
      );
    });
  });

  describe('code-server command line and environment', () => {
    const dirs = { port: 5000, tmpDir: '/t', userDataDir: '/t/ud', extensionsDir: '/t/ext' };

    it('passes the offline flags and the smoke-test driver', () => {
      const args = codeServerArgs({ entry: '/e.js' }, { ...dirs, smokeTestDriver: true, extraArgs: ['--log', 'trace'] });
      assert.equal(args[0], '/e.js');
      const line = args.join(' ');
      for (const part of [
        '--auth none',
        '--bind-addr 127.0.0.1:5000',
        '--config /t/config.yaml',
        '--user-data-dir /t/ud',
        '--extensions-dir /t/ext',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--vscode-option enable-smoke-test-driver',
      ]) {
        assert.ok(line.includes(part), `missing ${part} in ${line}`);
      }
      assert.deepEqual(args.slice(-2), ['--log', 'trace']);
    });

    it('can leave the smoke-test driver off', () => {
      const args = codeServerArgs({ entry: '/e.js' }, { ...dirs, smokeTestDriver: false });
      assert.ok(!args.includes('enable-smoke-test-driver'));
    });

    it('drops redirecting variables and points XDG dirs and the gallery away', () => {
      const env = codeServerEnv(
        { PATH: '/bin', PORT: '8080', PASSWORD: 'x', VSCODE_IPC_HOOK_CLI: '/s', NODE_OPTIONS: '--foo', HOME: '/root', UNSET: undefined },
        '/t',
        { EXTRA: '1', XDG_CACHE_HOME: '/override' },
      );
      assert.equal(env.PATH, '/bin');
      assert.equal(env.HOME, '/root');
      for (const k of ['PORT', 'PASSWORD', 'VSCODE_IPC_HOOK_CLI', 'NODE_OPTIONS', 'UNSET']) {
        assert.ok(!(k in env), `${k} should be dropped`);
      }
      assert.equal(env.EXTENSIONS_GALLERY, '{}');
      assert.equal(env.XDG_CONFIG_HOME, path.join('/t', 'xdg', 'config'));
      assert.equal(env.XDG_DATA_HOME, path.join('/t', 'xdg', 'data'));
      assert.equal(env.XDG_CACHE_HOME, '/override');
      assert.equal(env.EXTRA, '1');
    });

    it('uses the offline Chromium flags', () => {
      for (const flag of ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update']) {
        assert.ok(CHROMIUM_ARGS.includes(flag), flag);
      }
    });
  });

  describe('extension host log lines', () => {
    it('applies console format strings as the extension host sends them unformatted', () => {
      assert.deepEqual(formatAutomationLog('info', ['  %d passing (%s)', 2, '15ms']), ['  2 passing (15ms)']);
      assert.deepEqual(formatAutomationLog('info', ['%s%s', '', '']), ['']);
      assert.deepEqual(formatAutomationLog('info', ['a', { b: 1 }]), ['a { b: 1 }']);
    });

    it('splits lines and marks errors and warnings', () => {
      assert.deepEqual(formatAutomationLog('error', ['Error: boom\n    at x\n']), ['[error] Error: boom', '    at x']);
      assert.deepEqual(formatAutomationLog('warn', 'careful'), ['[warn] careful']);
    });

    it('recognises workbench bookkeeping lines', () => {
      assert.ok(isWorkbenchNoise('Creating a socket (renderer-Management-1)...'));
      assert.ok(isWorkbenchNoise('Ignoring fetching additional builtin extensions from gallery as it is disabled.'));
      assert.ok(isWorkbenchNoise('[error] Canceled: Canceled: Canceled'));
      assert.ok(!isWorkbenchNoise('  1 passing (5ms)'));
      assert.ok(!isWorkbenchNoise('[error] Error: 1 tests failed.'));
    });
  });

  describe('runVsCodeTests arguments', () => {
    it('parses the documented flags', () => {
      const o = parseArgs([
        '--extension',
        '/work/main',
        '--tests=/work/main/out/test/integration/index.js',
        '--folder',
        '/tmp/ws',
        '--env',
        'A=1',
        '--env',
        'B=x=y',
        '--timeout',
        '5000',
        '--vsix',
        '/tmp/a.vsix',
      ]);
      assert.deepEqual(o, {
        extensionDevelopmentPath: '/work/main',
        extensionTestsPath: '/work/main/out/test/integration/index.js',
        folder: '/tmp/ws',
        extensionEnvironment: { A: '1', B: 'x=y' },
        timeoutMs: 5000,
        vsix: ['/tmp/a.vsix'],
      });
    });

    it('rejects missing or bad arguments', () => {
      assert.throws(() => parseArgs(['--extension', '/x']), /required/);
      assert.throws(() => parseArgs(['--extension', '/x', '--tests', '/y', '--timeout', 'soon']), /timeout/);
      assert.throws(() => parseArgs(['--bogus']), /unknown argument/);
      assert.throws(() => parseEnvAssignment('=x'), /KEY=VALUE/);
    });
  });

  describe('environment lookups', () => {
    it('finds the repository root from the compiled file', () => {
      assert.ok(existsSync(path.join(repoRoot(), 'test', 'tools', 'install-code-server.sh')));
    });

    it('finds a free port', async () => {
      const port = await freePort();
      assert.ok(port > 0 && port < 65536);
    });
  });
});
