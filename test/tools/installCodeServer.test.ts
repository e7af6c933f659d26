// install-code-server.sh run as a newcomer runs it: from inside an npm script (`npm start`, `npm test`),
// whose environment carries the outer npm's configuration. The real code-server takes minutes to
// install, so these tests install a small stand-in package whose postinstall makes the same check as
// code-server's own postinstall.sh: it reads the Node major version from `npm_config_user_agent`
// (what npm says it runs on) and refuses unless it is the Node that runs the install.
import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './codeServer';

/** What an outer npm on another Node puts in the environment of the scripts it runs. */
const FOREIGN_USER_AGENT = 'npm/10.8.2 node/v18.20.4 linux x64 workspaces/false';
const NODE24_VERSION = '24.21.0';

const POSTINSTALL = `#!/bin/sh
# As code-server's postinstall.sh: the Node version npm reports must be the one it wants.
major=$(echo "$npm_config_user_agent" | sed -n 's/.*node\\/v\\([0-9]*\\).*/\\1/p')
want=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" != "$want" ]; then
  echo "ERROR: code-server currently requires node v$want." >&2
  echo "We have detected that you are on node v$major" >&2
  exit 1
fi
`;

/** The environment of this process without npm's variables, plus `extra`. */
function envWith(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^npm_/i.test(k)) {
      env[k] = v;
    }
  }
  return { ...env, ...extra };
}

function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return spawnSync('npm', args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
}

describe('install-code-server.sh', function () {
  this.timeout(180_000);
  let tmp: string;
  let tarball: string;

  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'tyk-install-'));
    const pkg = path.join(tmp, 'stand-in');
    mkdirSync(path.join(pkg, 'out', 'node'), { recursive: true });
    writeFileSync(path.join(pkg, 'out', 'node', 'entry.js'), '// stand-in\n');
    writeFileSync(path.join(pkg, 'postinstall.sh'), POSTINSTALL);
    writeFileSync(
      path.join(pkg, 'package.json'),
      JSON.stringify({ name: 'code-server', version: '0.0.0-stand-in', scripts: { postinstall: 'sh ./postinstall.sh' } }),
    );
    const packed = npm(['pack', '--silent', '--pack-destination', tmp], pkg, envWith({}));
    assert.equal(packed.status, 0, packed.stderr);
    tarball = path.join(tmp, readdirSync(tmp).find((f) => f.endsWith('.tgz')) ?? 'missing.tgz');
  });

  after(() => rmSync(tmp, { recursive: true, force: true }));

  /** A cache whose "Node 24" is this Node, so the stand-in's check holds exactly when npm reports it. */
  function freshCache(name: string): string {
    const cache = path.join(tmp, name);
    mkdirSync(path.join(cache, `node-${NODE24_VERSION}`, 'bin'), { recursive: true });
    symlinkSync(process.execPath, path.join(cache, `node-${NODE24_VERSION}`, 'bin', 'node'));
    return cache;
  }

  it('the stand-in refuses as code-server does when npm reports another Node', () => {
    const project = path.join(tmp, 'direct');
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), '{"name":"direct","private":true}');
    const r = npm(['install', '--no-audit', '--no-fund', tarball], project, envWith({ npm_config_user_agent: FOREIGN_USER_AGENT }));
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /currently requires node v\d+\.[\s\S]*you are on node v18/);
  });

  it('installs from inside an npm script whose environment is another npm’s', () => {
    const cache = freshCache('cache');
    const project = path.join(tmp, 'outer');
    mkdirSync(project);
    const script = path.join(repoRoot(), 'test', 'tools', 'install-code-server.sh');
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'outer', private: true, scripts: { inst: `bash '${script}'` } }));
    const r = npm(
      ['run', '--silent', 'inst'],
      project,
      envWith({
        npm_config_user_agent: FOREIGN_USER_AGENT,
        TYK_VSCODE_CACHE: cache,
        CODE_SERVER_SPEC: tarball,
        INSTALL_STEPS: 'node24 code-server',
      }),
    );
    assert.equal(r.status, 0, r.stderr);
    const installed = path.join(cache, 'code-server-4.139.1');
    assert.ok(existsSync(path.join(installed, '.installed')), 'the install is marked finished');
    assert.ok(existsSync(path.join(installed, 'node_modules', 'code-server', 'out', 'node', 'entry.js')));
    assert.equal(r.stdout.trim(), path.join(cache, 'code-server.env'));
  });
});
