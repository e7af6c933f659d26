/**
 * Command line for the Tyk sandbox: `npm run sandbox -- [flags]` (runs `node out/test/sandbox/cli.js`).
 * Stops cleanly on SIGINT/SIGTERM (exit 0); bad flags print the usage and exit 2.
 */
import { startSandbox, DEFAULT_CREDENTIAL, DEFAULT_GATEWAY_SECRET, TYK_CONF_EXAMPLE, type SandboxOptions } from './server';
import { SAMPLE, tutorialKeyBody } from './seed';
import type { HashKeyFunction } from './hash';

const USAGE = `Usage: npm run sandbox -- [options]

A local stand-in for Tyk: the Dashboard API and the open-source Gateway API, sharing one state. The
Gateway also serves each API's listen path and enforces keys there as Tyk does.

Options:
  --port <n>              Dashboard port (default 3000; 0 = any free port)
  --credential <s>        Dashboard API credential (default ${DEFAULT_CREDENTIAL})
  --gateway-port <n>      Gateway port (default 8080; 0 = any free port)
  --gateway-secret <s>    Gateway secret, x-tyk-authorization (default ${DEFAULT_GATEWAY_SECRET})
  --no-gateway            Serve the Dashboard API only
  --apis <n>              Size of the API catalog: the seed APIs, then "Generated API 0001"… up to n
  --def-bytes <n>         Approximate size of each generated API definition, in bytes
  --hashed                Hash keys (hash_keys: true); listing answers 404
  --hashed-listing        With --hashed: allow listing hashed keys (enable_hashed_keys_listing)
  --hash-function <name>  Tyk hash_key_function: murmur32, murmur64, murmur128 or sha256 (default: legacy keys)
  --tyk-conf-example      Tyk's shipped tyk.conf.example: hashed keys (murmur64), listing off
  --tyk-series <5.11|5.12> Key and policy bodies with every field (5.11, default) or without zero values (5.12)
  --open-source-gateway   A file-based Gateway: lists inactive APIs too (it never reads active)
  --tyk-shapes            Add APIs, policies and keys in Tyk's own shapes (multi-auth, certificate-bound, TCP…)
  --latency <ms>          Delay every response, e.g. 200 or 200ms
  --check-spec            Validate every response against the Tyk specs and report violations
  --no-traffic            New keys get no made-up traffic in the Dashboard's key analytics (only real calls)
  --quiet                 No request log
  -h, --help              This help
`;

export class UsageError extends Error {}

function intValue(flag: string, raw: string | undefined, min = 0): number {
  if (raw === undefined || !/^\d+$/.test(raw)) {
    throw new UsageError(`${flag} needs a whole number`);
  }
  const n = Number(raw);
  if (n < min) {
    throw new UsageError(`${flag} must be at least ${min}`);
  }
  return n;
}

function portValue(flag: string, raw: string | undefined): number {
  const n = intValue(flag, raw);
  if (n > 65535) {
    throw new UsageError(`${flag}: ${n} is not a port`);
  }
  return n;
}

export interface CliOptions {
  sandbox: SandboxOptions;
  help: boolean;
}

/** Parses the flags; throws UsageError on anything it does not understand. */
export function parseArgs(argv: string[]): CliOptions {
  const o: SandboxOptions = { port: 3000, gatewayPort: 8080, quiet: false, generatedTraffic: true };
  let help = false;
  let hashedListing = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => {
      if (inline !== undefined) {
        return inline;
      }
      i++;
      return argv[i];
    };
    const text = (): string => {
      const v = value();
      if (v === undefined || v === '') {
        throw new UsageError(`${flag} needs a value`);
      }
      return v;
    };
    switch (flag) {
      case '--port':
        o.port = portValue(flag, value());
        break;
      case '--credential':
        o.credential = text();
        break;
      case '--gateway-port':
        o.gatewayPort = portValue(flag, value());
        break;
      case '--gateway-secret':
        o.gatewaySecret = text();
        break;
      case '--no-gateway':
        o.gatewayPort = null;
        break;
      case '--apis':
        o.apis = intValue(flag, value());
        break;
      case '--def-bytes':
        o.definitionBytes = intValue(flag, value());
        break;
      case '--hashed':
        o.hashKeys = true;
        break;
      case '--hashed-listing':
        hashedListing = true;
        break;
      case '--hash-function': {
        const v = text();
        if (!['murmur32', 'murmur64', 'murmur128', 'sha256'].includes(v)) {
          throw new UsageError(`--hash-function: unknown function ${v}`);
        }
        o.hashKeyFunction = v as HashKeyFunction;
        break;
      }
      case '--tyk-conf-example':
        Object.assign(o, TYK_CONF_EXAMPLE);
        break;
      case '--tyk-series': {
        const v = text();
        if (v !== '5.11' && v !== '5.12') {
          throw new UsageError('--tyk-series: 5.11 or 5.12');
        }
        o.tykSeries = v;
        break;
      }
      case '--open-source-gateway':
        o.openSourceGateway = true;
        break;
      case '--tyk-shapes':
        o.tykShapes = true;
        break;
      case '--latency': {
        const v = value();
        const m = v === undefined ? null : /^(\d+)(ms)?$/.exec(v);
        if (!m) {
          throw new UsageError('--latency needs milliseconds, e.g. 200 or 200ms');
        }
        o.latencyMs = Number(m[1]);
        break;
      }
      case '--check-spec':
        o.checkSpec = true;
        break;
      case '--quiet':
        o.quiet = true;
        break;
      case '--no-traffic':
        o.generatedTraffic = false;
        break;
      case '-h':
      case '--help':
        help = true;
        break;
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  if (hashedListing) {
    if (!o.hashKeys) {
      throw new UsageError('--hashed-listing needs --hashed');
    }
    o.hashedKeyListing = true;
  }
  return { sandbox: o, help };
}

async function main(): Promise<void> {
  let parsed: CliOptions;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`sandbox: ${err.message}\n\n${USAGE}`);
      process.exit(2);
    }
    throw err;
  }
  if (parsed.help) {
    process.stdout.write(USAGE);
    return;
  }
  const sb = await startSandbox(parsed.sandbox);
  const out = (line = ''): void => {
    process.stdout.write(line + '\n');
  };
  const mode = parsed.sandbox.hashKeys ? `hashed keys (listing ${parsed.sandbox.hashedKeyListing ? 'enabled' : 'disabled'})` : 'plain keys';
  out(`Tyk sandbox — ${sb.apis().length} APIs, ${sb.policies().length} policies, ${mode}, org ${sb.orgId}`);
  out(`Dashboard API: ${sb.dashboardUrl}`);
  out(`  credential:  ${sb.credential}   (header  authorization: <credential>)`);
  if (sb.gatewayUrl) {
    out(`Gateway API:   ${sb.gatewayUrl}`);
    out(`  secret:      ${sb.gatewaySecret}   (header  x-tyk-authorization: <secret>)`);
  }
  out();
  out('Create a key for the Petstore API:');
  const body = JSON.stringify(tutorialKeyBody(SAMPLE.petstore.apiId, SAMPLE.petstore.name));
  out(`  curl -X POST ${sb.dashboardUrl}/api/keys -H "authorization: ${sb.credential}" -d '${body}'`);
  if (sb.gatewayUrl) {
    out('Then call it through the Gateway with that key (the answer\'s key_id): 200, and 401/403 without one:');
    out(`  curl -H "Authorization: <key>" ${sb.gatewayUrl}${SAMPLE.petstore.listenPath}`);
  }
  out();
  out(`Sandbox ready (Ctrl+C to stop)`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    if (!parsed.sandbox.quiet) {
      process.stderr.write(`[sandbox] ${signal}: stopping\n`);
    }
    sb.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`[sandbox] close failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    const e = err as NodeJS.ErrnoException;
    if (e && e.code === 'EADDRINUSE') {
      process.stderr.write(`sandbox: port in use (${e.message}); pick another with --port / --gateway-port\n`);
    } else {
      process.stderr.write(`sandbox: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    }
    process.exit(1);
  });
}
