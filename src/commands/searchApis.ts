// Tyk: Search APIs… — the server's search (a Dashboard's /api/apis/search; a Gateway's catalog
// filtered here), shown in the tree in place of the catalog until cleared. Finds APIs not loaded yet.
import * as vscode from 'vscode';
import { withCancellableProgress } from '../ui/progress';
import { MultiStepInput } from '../ui/multiStepInput';
import { connectionOf } from '../app/resolveConnection';
import type { Services } from '../app/services';
import { resolveConnection } from '../app/resolveConnection';

export async function searchApis(services: Services, arg?: unknown): Promise<number> {
  const connection = await resolveConnection(services, arg, vscode.l10n.t('Search the APIs of…'));
  let query = services.catalog.searchOf(connection.id)?.query ?? '';
  await MultiStepInput.run(services.ui, async (input) => {
    query = await input.input({
      title: vscode.l10n.t('Search APIs · {0}', connection.name),
      value: query,
      prompt:
        connection.kind === 'dashboard'
          ? vscode.l10n.t('Part of an API name (the Dashboard searches on its side)')
          : vscode.l10n.t('Part of an API name, id or listen path'),
      validate: (v) => (v.trim() === '' ? vscode.l10n.t('Type part of a name.') : undefined),
    });
  });
  const result = await withCancellableProgress(services.ui, 
    vscode.l10n.t('Searching the APIs of {0}…', connection.name),
    (signal) => services.catalog.search(connection, query.trim(), signal),
    0,
  );
  await vscode.commands.executeCommand('setContext', 'tyk.searching', true);
  services.log.info(`Search “${result.query}” on ${connection.name}: ${result.apis.length} API(s)`);
  if (result.apis.length === 0) {
    void services.ui.info(vscode.l10n.t('No API of {0} matches “{1}”.', connection.name, result.query));
  }
  return result.apis.length;
}

export async function clearSearch(services: Services, arg?: unknown): Promise<void> {
  const connection = connectionOf(arg);
  const ids = connection ? [connection.id] : services.store.list().map((c) => c.id);
  for (const id of ids) {
    services.catalog.clearSearch(id);
  }
  const still = services.store.list().some((c) => services.catalog.searchOf(c.id));
  await vscode.commands.executeCommand('setContext', 'tyk.searching', still);
}
