// Tyk: Open in Dashboard — the Tyk Dashboard's own page for what a node shows, in the browser: the APIs,
// Keys or Policies section (where the Dashboard's search finds the item), or its home for a connection.
// Only the connection's own address is opened; nothing of the credential or of a key goes into the URL.
import * as vscode from 'vscode';
import type { Services } from '../app/services';
import { connectionOf, resolveConnection } from '../app/resolveConnection';
import { ApiNode, KeyNode, KeysNode, PoliciesNode, PolicyNode, VersionNode } from '../app/nodes';
import { dashboardPageUrl, type DashboardSection } from '../domain/dashboardPages';

export async function openInDashboard(services: Services, arg?: unknown): Promise<string | undefined> {
  const connection = connectionOf(arg) ?? (await resolveConnection(services, arg, vscode.l10n.t('Open the Dashboard of…')));
  if (connection.kind !== 'dashboard') {
    void services.ui.info(vscode.l10n.t('{0} is an open-source Tyk Gateway: it has no Dashboard to open.', connection.name));
    return undefined;
  }
  const url = dashboardPageUrl(connection.url, sectionOf(arg));
  await services.ui.openExternal(vscode.Uri.parse(url, true));
  services.log.info(`Opened ${url} in the browser`);
  return url;
}

function sectionOf(arg: unknown): DashboardSection {
  if (arg instanceof ApiNode || arg instanceof VersionNode) {
    return 'apis';
  }
  if (arg instanceof KeysNode || arg instanceof KeyNode) {
    return 'keys';
  }
  if (arg instanceof PoliciesNode || arg instanceof PolicyNode) {
    return 'policies';
  }
  return 'home';
}
