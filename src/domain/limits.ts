// How much of a server's text is kept: names and paths are cut to a length no screen needs, so that a
// catalog of megabyte-long names costs no more memory or rendering than an ordinary one. The values
// themselves are kept as sent (display escapes them: see displayText.ts); only their length is bounded.
import { capLength } from './displayText';
import type { TykApi, TykPolicy } from './model';

/** The longest name kept (an API's, a version's, a policy's): characters. */
export const MAX_NAME_LENGTH = 256;
/** The longest listen path or header name kept: characters. */
export const MAX_PATH_LENGTH = 2048;

/** `api` with its name, listen path and header name cut to the bounds above (ids and version names, sent back as they are, are not). */
export function boundedApi(api: TykApi): TykApi {
  return {
    ...api,
    name: cutName(api.name, MAX_NAME_LENGTH),
    listenPath: capLength(api.listenPath, MAX_PATH_LENGTH),
    authHeaderName: cutName(api.authHeaderName, MAX_PATH_LENGTH),
  };
}

/** `policy` with its name and the names of its APIs cut to MAX_NAME_LENGTH. */
export function boundedPolicy(policy: TykPolicy): TykPolicy {
  return {
    ...policy,
    name: cutName(policy.name, MAX_NAME_LENGTH),
    apis: policy.apis.map((a) => (a.apiName === undefined ? a : { ...a, apiName: capLength(a.apiName, MAX_NAME_LENGTH) })),
  };
}

/** A trimmed name cut to `max`: trimmed again when the cut ends on a space (never emptied). */
function cutName(name: string, max: number): string {
  if (name.length <= max) {
    return name;
  }
  const cut = capLength(name, max);
  return cut.trimEnd() || cut;
}
