// Is there a Tyk at this address? Asked while the user types the address, before any credential: one
// or two requests that send NO credential, answered by any reachable server. Refused, unknown host,
// timeout and TLS failures throw the client's TykError (so the address step can say so); a server that
// answers, but not as a Tyk of that kind does, is told apart. Plain Node.
import * as l10n from '@vscode/l10n';
import { HttpTransport, looksLikeHtml, type ConnectionOptions, type RequestOptions } from './http';
import { productName } from '../domain/labels';
import type { TykFlavor } from '../domain/model';

/** The longest an address check waits for an answer, whatever the request timeout. */
export const PROBE_TIMEOUT_MS = 10_000;

export type ProbeOptions = Omit<ConnectionOptions, 'credential' | 'allowInsecureHttp' | 'redactor' | 'loadLimits'>;

export type AddressAnswer = { tyk: true } | { tyk: false; message: string };

interface Probe {
  path: string;
  /** Whether the answer is a Tyk's of this kind, to a request without a credential. */
  isTyk: (status: number, json: unknown) => boolean;
}

function field(json: unknown, name: string): unknown {
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>)[name] : undefined;
}

/**
 * What a Tyk answers without a credential (Tyk's specs, /work/shared/tyk-specs): the Dashboard refuses
 * `/api/apis` with 401 and its error shape `{"Status":"Error","Message":"Not authorised"}`; the
 * Gateway's `/hello` is public and answers its health `{"status":"pass"|"warn"|"fail",…}` (503 when
 * failing). `/hello` can be renamed (`health_check_endpoint_name`): then the Gateway's admin API
 * refusing `/tyk/keys` with 403 and `{"status":"error","message":…}` tells it too (registered in every
 * mode, RPC included).
 */
const PROBES: Record<TykFlavor, readonly Probe[]> = {
  dashboard: [{ path: '/api/apis', isTyk: (status, json) => (status === 401 || status === 403) && typeof field(json, 'Message') === 'string' }],
  gateway: [
    { path: '/hello', isTyk: (_status, json) => ['pass', 'warn', 'fail'].includes(String(field(json, 'status'))) },
    { path: '/tyk/keys', isTyk: (status, json) => status === 403 && field(json, 'status') === 'error' && typeof field(json, 'message') === 'string' },
  ],
};

/**
 * Asks the address whether a Tyk of `options.flavor` answers there, without a credential (so plain
 * http to another machine is allowed: nothing secret is sent). Resolves `{ tyk: true }`, or `{ tyk:
 * false, message }` when a server answered otherwise; throws a TykError when none answered (refused,
 * unknown host, timeout, TLS, a redirect, cancelled through `request.signal`). Waits at most
 * PROBE_TIMEOUT_MS (or `options.timeoutMs`, if shorter) per request.
 */
export async function probeAddress(options: ProbeOptions, request: RequestOptions = {}): Promise<AddressAnswer> {
  const transport = new HttpTransport({
    ...options,
    credential: '',
    allowInsecureHttp: true,
    timeoutMs: Math.min(options.timeoutMs ?? PROBE_TIMEOUT_MS, PROBE_TIMEOUT_MS),
  });
  try {
    let first: { path: string; status: number; text: string } | undefined;
    for (const probe of PROBES[options.flavor]) {
      const answer = await transport.answer({ method: 'GET', path: probe.path, what: l10n.t('check the address') }, request);
      if (probe.isTyk(answer.status, answer.json)) {
        return { tyk: true };
      }
      first ??= { path: probe.path, ...answer };
    }
    const product = productName(options.flavor);
    const said = looksLikeHtml(first?.text ?? '') ? l10n.t('{0}, an HTML page', first?.status ?? 0) : String(first?.status ?? 0);
    return {
      tyk: false,
      message: l10n.t('{0} answers, but not as a {1} does (GET {2}: {3}). Is this the {1}’s address?', transport.origin, product, first?.path ?? '', said),
    };
  } finally {
    transport.dispose();
  }
}
