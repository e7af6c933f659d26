// Shared helpers of the integration suite (they run inside the extension host).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TykKeysApi } from '../../src/extension';

export const EXTENSION_ID = 'tyk-keys.tyk-keys';

export interface Manifest {
  contributes: { commands: Array<{ command: string; title: string; category?: string }> };
}

export function manifest(): Manifest {
  return JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as Manifest;
}

export function extension(): vscode.Extension<TykKeysApi> {
  const ext = vscode.extensions.getExtension<TykKeysApi>(EXTENSION_ID);
  if (!ext) {
    throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  }
  return ext;
}
