// The colour of a key's row when it expires soon or has expired: a tree item's label takes a theme colour
// only through a file decoration of its `resourceUri` (the TreeItem API has no colour of its own). The
// rows of such keys carry a `tyk-expiry:` URI (see `expiryResource`); this provider colours them.
import * as vscode from 'vscode';

/** The scheme of the rows' URIs: nothing is ever read from it. */
const EXPIRY_SCHEME = 'tyk-expiry';

/** The URI a key row carries to be coloured: `/expiring` or `/expired`, `id` keeping rows apart. */
export function expiryResource(kind: 'expiring' | 'expired', id: string): vscode.Uri {
  return vscode.Uri.from({ scheme: EXPIRY_SCHEME, path: `/${kind}`, query: id });
}

export class ExpiryDecorations implements vscode.FileDecorationProvider {
  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== EXPIRY_SCHEME) {
      return undefined;
    }
    switch (uri.path) {
      case '/expiring':
        return new vscode.FileDecoration(undefined, undefined, new vscode.ThemeColor('list.warningForeground'));
      case '/expired':
        return new vscode.FileDecoration(undefined, undefined, new vscode.ThemeColor('list.errorForeground'));
      default:
        return undefined;
    }
  }
}
