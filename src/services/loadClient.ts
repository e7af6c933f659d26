// Loads the Tyk client on first use. In the bundle it is dist/tyk.js (axios, zod), kept off the
// activation path; esbuild.mjs maps this require to it.
import type * as TykModule from '../tyk/index';

let loaded: typeof TykModule | undefined;

export function tykModule(): typeof TykModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('../tyk/index.js') as typeof TykModule;
  return loaded;
}
