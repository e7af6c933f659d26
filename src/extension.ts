import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Wired in later commits.
}

export function deactivate(): void {
  // Nothing to release yet.
}
