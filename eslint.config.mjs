import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** no-restricted-imports for the files of one layer: the folders of src/ it must not import (and vscode). */
function layer(files, forbidden, noVscode, message) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noVscode ? [{ name: 'vscode', message }] : [],
          patterns: [{ group: forbidden.flatMap((f) => [`../${f}`, `../${f}/*`]), message }, { group: ['../main', '../extension'], message: 'Only the entry wires the extension.' }],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.vscode-test/**', 'node_modules/**', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      curly: 'error',
      eqeqeq: ['error', 'smart'],
      'no-restricted-imports': 'off',
    },
  },
  // The layers of src/, top to bottom (docs/architecture.md): each imports only from the layers below it.
  //   extension.ts, main.ts        entry and wiring
  //   commands/, views/, tools/    what the user triggers: commands, the Tyk view, the chat tools
  //   app/                         use cases: resolve the connection or the key, create and deliver, report errors
  //   ui/, services/               VS Code adapters: quick inputs and dialogs; connections, clients, caches, the log
  //   domain/, tyk/                plain Node: the model and its rules; the Tyk client (tyk/ may use domain/)
  //   webview/                     beside them all: the key view's script, in its webview (domain/ types only)
  layer(['src/domain/**/*.ts'], ['tyk', 'services', 'ui', 'app', 'views', 'commands', 'tools'], true, 'src/domain is the bottom layer, plain Node.'),
  layer(['src/tyk/**/*.ts'], ['services', 'ui', 'app', 'views', 'commands', 'tools'], true, 'src/tyk is plain Node: it may use src/domain only.'),
  layer(['src/services/**/*.ts'], ['ui', 'app', 'views', 'commands', 'tools'], false, 'src/services may use src/domain and src/tyk only.'),
  layer(['src/ui/**/*.ts'], ['services', 'app', 'views', 'commands', 'tools'], false, 'src/ui may use src/domain and src/tyk only.'),
  layer(['src/app/**/*.ts'], ['views', 'commands', 'tools'], false, 'src/app (use cases) may use ui, services, domain and tyk, never what calls it.'),
  layer(['src/views/**/*.ts', 'src/tools/**/*.ts'], ['commands'], false, 'The tree and the chat tools call use cases (src/app), not commands.'),
  // src/webview runs in the webview (a browser): no vscode, no Node; it may use src/domain's types only.
  layer(['src/webview/**/*.ts'], ['tyk', 'services', 'ui', 'app', 'views', 'commands', 'tools'], true, 'src/webview runs in the webview: it may use src/domain (types) only.'),
  {
    // Tests use chai-less node:assert and mocha globals; allow unbound methods for sinon-free spies.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);
