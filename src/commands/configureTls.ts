// Tyk: Configure TLS… — on a connection node, or from the palette (asks which connection). How this
// one connection trusts its server: the system's CAs, a CA certificate file, or (after a warning) a
// self-signed certificate. Saved on the connection, then checked against the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { verifyCredential, type CredentialProblem } from '../services/clients';
import type { Connection } from '../services/connections';
import { dialogs } from '../ui/dialogs';
import { FlowCancelled, MultiStepInput } from '../ui/multiStepInput';
import { pickConnection } from '../ui/pickers';
import { confirmSelfSigned, pickCaFile, type TlsChoice, type TlsChoiceItem } from '../ui/tlsChoices';
import { ConnectionNode } from '../views/nodes';
import { connectionOf } from './nodeArgs';
import type { Services } from './services';
import { requestTimeoutMs } from './settings';

export interface TlsOutcome {
  connection: Connection;
  /** Why the check after saving failed; undefined when the connection works. */
  problem?: CredentialProblem;
}

function tlsChoiceOf(connection: Connection): TlsChoice {
  return connection.allowSelfSigned ? 'selfSigned' : connection.caFile ? 'caFile' : 'system';
}

function trustOf(connection: Connection): string {
  switch (tlsChoiceOf(connection)) {
    case 'selfSigned':
      return 'accepts a self-signed certificate';
    case 'caFile':
      return `trusts the CA in ${path.basename(connection.caFile ?? '')}`;
    case 'system':
      return 'trusts the system’s certificates';
  }
}

export async function configureTls(services: Services, arg?: unknown): Promise<TlsOutcome> {
  const connection = connectionOf(arg) ?? (await pickConnection(services.store, services.active, 'Configure the TLS of…', { ask: true }));
  const current = tlsChoiceOf(connection);
  const choices: TlsChoiceItem[] = [
    {
      choice: 'system',
      label: 'Trust the system’s certificates (default)',
      detail: 'The server’s certificate must come from a CA this machine trusts.',
    },
    {
      choice: 'caFile',
      label: 'Use a CA certificate file…',
      detail: 'Trust the CA that signed the server’s certificate (a .pem, .crt or .cer file; a self-signed certificate is its own CA), for this connection only.',
    },
    {
      choice: 'selfSigned',
      label: 'Accept a self-signed certificate for this connection only',
      detail: 'The server’s certificate is not checked for this connection: only for a server you control.',
    },
  ];
  const items = choices.map((item) => ({
    ...item,
    ...(item.choice === current ? { description: current === 'caFile' ? `● current: ${connection.caFile ?? ''}` : '● current' } : {}),
  }));
  const picked: { choice?: TlsChoice | 'back' } = {};
  await MultiStepInput.run(async (input) => {
    picked.choice = (
      await input.pick({
        title: `Configure TLS · ${connection.name}`,
        step: 1,
        totalSteps: 1,
        placeholder: `How ${connection.url} is trusted, for this connection only`,
        items,
        activeItem: items.find((i) => i.choice === current),
      })
    ).choice;
  });

  const updated: Connection = { ...connection };
  delete updated.caFile;
  delete updated.allowSelfSigned;
  if (picked.choice === 'caFile') {
    const file = await pickCaFile(connection.name);
    if (!file) {
      throw new FlowCancelled();
    }
    updated.caFile = file;
  } else if (picked.choice === 'selfSigned') {
    if (!(await confirmSelfSigned(connection.url))) {
      throw new FlowCancelled();
    }
    updated.allowSelfSigned = true;
  }
  await services.store.update(updated);
  services.catalog.invalidate(updated.id);
  services.keyLists.invalidate(updated.id);
  services.policies.invalidate(updated.id);
  services.tree.refresh();
  services.log.info(`TLS of “${updated.name}”: ${trustOf(updated)}`);

  const summary = `${updated.name} ${trustOf(updated)}`;
  const credential = await services.store.getCredential(updated.id);
  if (!credential) {
    void dialogs.warn(`${summary}. No credential is stored for it yet: add one to check the connection.`, 'Update Credential…').then((a) => {
      if (a) {
        void vscode.commands.executeCommand('tyk.setCredential', new ConnectionNode(updated));
      }
    });
    return { connection: updated, problem: { message: 'No credential is stored.', kind: 'unauthorized' } };
  }
  const problem = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Checking ${updated.name}…` },
    () => verifyCredential(updated, credential, services.log, requestTimeoutMs()),
  );
  const plainHttp = updated.url.startsWith('http://') ? ' (it applies once its address is https://)' : '';
  if (!problem) {
    void dialogs.info(`${summary}${plainHttp}. The connection works.`);
  } else if (problem.kind === 'unauthorized' || problem.kind === 'forbidden') {
    void dialogs.warn(`${summary}${plainHttp}. The server answers, but it refused the stored credential.`, 'Update Credential…').then((a) => {
      if (a) {
        void vscode.commands.executeCommand('tyk.setCredential', new ConnectionNode(updated));
      }
    });
  } else {
    const again = problem.kind === 'tls' ? ['Configure TLS…'] : [];
    void dialogs.warn(`${summary}${plainHttp}, but the connection still fails: ${problem.message}`, ...again, 'Show Log').then((a) => {
      if (a === 'Configure TLS…') {
        void vscode.commands.executeCommand('tyk.configureTls', new ConnectionNode(updated));
      } else if (a === 'Show Log') {
        services.log.show();
      }
    });
  }
  return { connection: updated, ...(problem ? { problem } : {}) };
}
