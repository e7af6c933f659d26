// The ids of the commands package.json contributes: the keys of the command table (commands/index.ts),
// so a command missing from it or extra is a type error, and test/unit/manifest.test.ts checks this
// list against package.json both ways. The activation shim registers exactly these.
export const COMMAND_IDS = [
  'tyk.addConnection',
  'tyk.createKey',
  'tyk.createKeyWithDefaults',
  'tyk.createKeyWithCustomId',
  'tyk.refresh',
  'tyk.setCredential',
  'tyk.removeConnection',
  'tyk.copyApiId',
  'tyk.loadMore',
  'tyk.showKeyDetails',
  'tyk.revokeKey',
  'tyk.rotateKey',
  'tyk.updateKey',
  'tyk.insertSavedKey',
  'tyk.forgetSavedKeys',
  'tyk.searchApis',
  'tyk.clearSearch',
  'tyk.createKeyFromPolicy',
  'tyk.switchConnection',
  'tyk.setDefaultConnection',
  'tyk.configureTls',
  'tyk.newRequestFile',
  'tyk.editConnection',
  'tyk.openInDashboard',
  'tyk.showExpiringKeys',
  'tyk.findKeysInWorkspace',
  'tyk.moveKeyToEnv',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

/** The chat tools package.json contributes (languageModelTools), by name. */
export const TOOL_NAMES = ['tyk_listApis', 'tyk_createKey'] as const;

export type ToolName = (typeof TOOL_NAMES)[number];
