// Tyk: Update Credential… — replaces a connection's credential after checking it against the server.
import * as vscode from 'vscode';
import { verifyCredential } from '../services/clients';
import { mustParse, parseCredential, problem } from '../domain/validation';
import { MultiStepInput } from '../ui/multiStepInput';
import type { Services } from '../app/services';
import { resolveConnection } from '../app/resolveConnection';

export async function setCredential(services: Services, arg?: unknown): Promise<void> {
  const connection = await resolveConnection(services, arg, vscode.l10n.t('Update the credential of…'));
  let credential = '';
  await MultiStepInput.run(services.ui, async (input) => {
    const value = await input.input({
      title: vscode.l10n.t('Update Credential · {0}', connection.name),
      value: '',
      password: true,
      prompt:
        connection.kind === 'dashboard'
          ? vscode.l10n.t('Paste your Tyk Dashboard API Access Credentials (Users → your user). Stored only in VS Code’s secret storage.')
          : vscode.l10n.t('Paste the Gateway API secret (tyk.conf). Stored only in VS Code’s secret storage.'),
      validate: (v) => problem(parseCredential(v)),
      verify: async (v) => (await verifyCredential(connection, mustParse(parseCredential(v)), services.log, services.clients.timeoutMs()))?.message,
    });
    credential = mustParse(parseCredential(value));
  });
  await services.store.setCredential(connection.id, credential);
  services.log.info(`Updated the credential of “${connection.name}”`);
  void services.ui.info(vscode.l10n.t('The credential of {0} works and is saved.', connection.name));
}
