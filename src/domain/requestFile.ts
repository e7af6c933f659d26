// The text of a REST Client request file that calls an API through the Tyk Gateway with a key
// variable (the walkthrough's last step). Pure: no vscode import (its words go through src/tyk's
// translation seam).
import * as l10n from '@vscode/l10n';
import { DEFAULT_AUTH_HEADER, REST_CLIENT_VARIABLE, joinUrl, restClientBasicHeader } from './keyFormats';
import type { KeyKind } from './model';
import { plainText } from './displayText';
import { mustParse, parseGatewayBase, parseHeaderName, parseListenPath, problem } from './validation';

export interface RequestFileApi {
  name: string;
  listenPath: string;
  authHeaderName: string;
  /** A basic-auth API's request sends a username and password; an HMAC API's is signed (a note says so). */
  keyKind?: KeyKind;
}

/**
 * Why no request file can be written for `api` through `gatewayBase`, in the user's language; undefined
 * when one can: the API's header name must be an HTTP token, its listen path a URL path, and the Gateway
 * address free of control characters — nothing from a server may add a line to the file.
 */
export function requestFileProblem(gatewayBase: string, api: RequestFileApi | undefined): string | undefined {
  return problem(parseHeaderName(api?.authHeaderName || DEFAULT_AUTH_HEADER)) ?? problem(parseListenPath(api?.listenPath || PLACEHOLDER_PATH)) ?? problem(parseGatewayBase(gatewayBase));
}

const PLACEHOLDER_PATH = '/your-api/';

/**
 * The file, and the offset of the place where the key goes (after `@tykKey = `). Throws, with the
 * message of `requestFileProblem`, when it cannot be written: callers ask that first.
 */
export function requestFileText(gatewayBase: string, api: RequestFileApi | undefined): { text: string; keyOffset: number } {
  const header = mustParse(parseHeaderName(api?.authHeaderName || DEFAULT_AUTH_HEADER));
  const path = mustParse(parseListenPath(api?.listenPath || PLACEHOLDER_PATH));
  mustParse(parseGatewayBase(gatewayBase));
  const url = joinUrl(gatewayBase, path);
  const calls = api
    ? l10n.t('Calls {0} through your Tyk Gateway. Put a key on the next line:', plainText(api.name, 200))
    : l10n.t('Calls an API through your Tyk Gateway. Put a key on the next line:');
  const how = l10n.t('Tyk: Create Key… or Tyk: Insert Saved Key… inserts it at the cursor. Send with REST Client.');
  if (api?.keyKind === 'basic') {
    const head = `# ${l10n.t('Calls {0} through your Tyk Gateway as a basic-auth user. Put its username and password on the next line:', plainText(api.name, 200))}\n# ${l10n.t('Tyk: Create Key… (REST Client variables) inserts them at the cursor. Send with REST Client.')}\n`;
    // The cursor on the empty line: the REST Client format inserts both variables there.
    const text = `${head}\n\nGET ${url}\n${restClientBasicHeader()}\n`;
    return { text, keyOffset: head.length };
  }
  const signed =
    api?.keyKind === 'hmac' ? `# ${l10n.t('This API checks an HMAC signature on each request (Authorization: Signature keyId=…, with a Date header): sign the request with the key’s secret before sending.')}\n` : '';
  const head = `# ${calls}\n# ${how}\n${signed}@${REST_CLIENT_VARIABLE} = `;
  const text = `${head}\n\nGET ${url}\n${header}: {{${REST_CLIENT_VARIABLE}}}\n`;
  return { text, keyOffset: head.length };
}
