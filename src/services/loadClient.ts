// The Tyk client's messages in the user's language: its translation seam (src/tyk/l10n.ts) set to
// vscode.l10n, once, when the extension starts (src/main.ts).
import * as vscode from 'vscode';
import type { Translate } from '../tyk/l10n';

export const translateWithVsCode: Translate = (message, ...args) => vscode.l10n.t(message, ...args);
