/**
 * Runs an extension's test module inside a real VS Code (code-server, offline) and exits with its code.
 *
 *   node out/test/tools/runVsCodeTests.js --extension <dir> --tests <abs path of compiled test index module>
 *        [--folder <dir>] [--env KEY=VALUE …] [--timeout ms] [--vsix <file> …] [--screenshot <file.png>]
 *
 * The test module exports `run(): Promise<void>`; exit code 0 when it resolves, 1 when it rejects,
 * 1 on timeout (a screenshot of the workbench is saved and its path printed).
 */
import * as path from 'node:path';
import { parseEnvAssignment, runExtensionTests, type RunExtensionTestsOptions } from './codeServer';

const USAGE =
  'usage: runVsCodeTests --extension <dir> --tests <test index module> [--folder <dir>] ' +
  '[--env KEY=VALUE …] [--timeout ms] [--vsix <file> …] [--screenshot <file.png>]';

export function parseArgs(argv: string[]): RunExtensionTestsOptions {
  let extension: string | undefined;
  let tests: string | undefined;
  const o: Partial<RunExtensionTestsOptions> = {};
  const env: Record<string, string> = {};
  const vsix: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      if (inline !== undefined) {
        return inline;
      }
      const v = argv[++i];
      if (v === undefined) {
        throw new Error(`${flag} needs a value\n${USAGE}`);
      }
      return v;
    };
    switch (flag) {
      case '--extension':
        extension = path.resolve(value());
        break;
      case '--tests':
        tests = path.resolve(value());
        break;
      case '--folder':
        o.folder = path.resolve(value());
        break;
      case '--env': {
        const [k, v] = parseEnvAssignment(value());
        env[k] = v;
        break;
      }
      case '--timeout': {
        const ms = Number(value());
        if (!Number.isFinite(ms) || ms <= 0) {
          throw new Error(`--timeout needs a positive number of milliseconds\n${USAGE}`);
        }
        o.timeoutMs = ms;
        break;
      }
      case '--vsix':
        vsix.push(path.resolve(value()));
        break;
      case '--screenshot':
        o.screenshotPath = path.resolve(value());
        break;
      case '-h':
      case '--help':
        throw new Error(USAGE);
      default:
        throw new Error(`unknown argument ${arg}\n${USAGE}`);
    }
  }
  if (!extension || !tests) {
    throw new Error(`--extension and --tests are required\n${USAGE}`);
  }
  return {
    ...o,
    extensionDevelopmentPath: extension,
    extensionTestsPath: tests,
    ...(Object.keys(env).length > 0 ? { extensionEnvironment: env } : {}),
    ...(vsix.length > 0 ? { vsix } : {}),
  };
}

async function main(): Promise<number> {
  let options: RunExtensionTestsOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const started = Date.now();
  const result = await runExtensionTests({ ...options, onLog: (line) => process.stdout.write(`${line}\n`) });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  const t = result.timingsMs;
  const detail = t ? ` (server ${t.server} ms, browser ${t.browser} ms, workbench + tests ${t.tests} ms)` : '';
  if (result.timedOut) {
    process.stderr.write(`[runVsCodeTests] timed out after ${secs} s${result.screenshot ? `; screenshot ${result.screenshot}` : ''}\n`);
  } else {
    process.stderr.write(`[runVsCodeTests] exit code ${result.exitCode} after ${secs} s${detail}\n`);
  }
  return result.exitCode;
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
