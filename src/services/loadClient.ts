// Loads the Tyk client on first use. In the bundle it is dist/tyk.js (axios, zod), kept off the
// activation path; esbuild.mjs maps this require to it.
import * as vscode from 'vscode';
import type * as TykModule from '../tyk/index';
import type { Translate } from '../tyk/l10n';

let loaded: typeof TykModule | undefined;

/** The Tyk client's messages in the user's language: its translation seam (src/tyk/l10n.ts) set to vscode.l10n. */
export const translateWithVsCode: Translate = (message, ...args) => vscode.l10n.t(message, ...args);

export function tykModule(): typeof TykModule {
  if (!loaded) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require('../tyk/index.js') as typeof TykModule;
    // dist/tyk.js holds its own copy of src/tyk/l10n.ts (dist/main.js has another, set in main.ts).
    module.setTranslate(translateWithVsCode);
    loaded = module;
  }
  return loaded;
}
