// Tyk: Add Connection… — also the welcome view's "Connect to Tyk" button.
import * as vscode from 'vscode';
import { newConnectionId, type Connection } from '../services/connections';
import { checkAddress, verifyCredential } from '../services/clients';
import { runAddConnectionFlow } from '../ui/addConnectionFlow';
import type { Services } from '../app/services';

export async function addConnection(services: Services): Promise<Connection> {
  const answers = await runAddConnectionFlow({
    ui: services.ui,
    existingNames: services.store.list().map((c) => c.name),
    checkAddress: (target, signal) => checkAddress(target, services.log, services.clients.timeoutMs(), signal),
    verify: (target, credential) => verifyCredential(target, credential, services.log, services.clients.timeoutMs()),
  });
  const connection: Connection = {
    id: newConnectionId(),
    name: answers.name,
    kind: answers.kind,
    url: answers.url,
    ...(answers.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
    ...(answers.caFile ? { caFile: answers.caFile } : {}),
    ...(answers.allowSelfSigned ? { allowSelfSigned: true } : {}),
  };
  // The connection commands used without asking (the only one, or the chosen one) stays the default:
  // a second connection must not make every palette command start asking.
  const previousDefault = services.active.current();
  await services.store.add(connection, answers.credential);
  if (previousDefault && !services.active.chosen()) {
    await services.active.set(previousDefault.id);
  }
  services.log.info(
    `Added the connection “${connection.name}” (${connection.kind}, ${connection.url}${connection.caFile ? `, trusting the CA file ${connection.caFile}` : ''}${connection.allowSelfSigned ? ', accepting a self-signed certificate' : ''})`,
  );
  void services.ui.info(
    previousDefault
      ? vscode.l10n.t('Connected to {0}. Its APIs are in the Tyk view; {1} stays the default (right-click {0} → Set as Default to change it).', connection.name, previousDefault.name)
      : vscode.l10n.t('Connected to {0}. Its APIs are in the Tyk view.', connection.name),
  );
  return connection;
}
