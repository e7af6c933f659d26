// Tyk: Configure TLS… — on a connection node, or from the palette (asks which connection). How this
// one connection trusts its server: the system's CAs, a CA certificate file, or (after a warning) a
// self-signed certificate. Saved on the connection, then checked against the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { verifyCredential } from '../services/clients';
import type { CredentialProblem } from '../tyk/errors';
import type { Connection } from '../services/connections';
import { FlowCancelled, MultiStepInput } from '../ui/multiStepInput';
import { confirmSelfSigned, pickCaFile, type TlsChoice, type TlsChoiceItem } from '../ui/tlsChoices';
import { ConnectionNode } from '../app/nodes';
import type { Services } from '../app/services';
import { resolveConnection } from '../app/resolveConnection';

export interface TlsOutcome {
  connection: Connection;
  /** Why the check after saving failed; undefined when the connection works. */
  problem?: CredentialProblem;
}

function tlsChoiceOf(connection: Connection): TlsChoice {
  return connection.allowSelfSigned ? 'selfSigned' : connection.caFile ? 'caFile' : 'system';
}

/** How the connection trusts its server, for the log (in English, as the whole log). */
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

/** "<name> trusts the CA in ca.pem", in the user's language. */
function trustSummary(connection: Connection): string {
  switch (tlsChoiceOf(connection)) {
    case 'selfSigned':
      return vscode.l10n.t('{0} accepts a self-signed certificate', connection.name);
    case 'caFile':
      return vscode.l10n.t('{0} trusts the CA in {1}', connection.name, path.basename(connection.caFile ?? ''));
    case 'system':
      return vscode.l10n.t('{0} trusts the system’s certificates', connection.name);
  }
}

export async function configureTls(services: Services, arg?: unknown): Promise<TlsOutcome> {
  const connection = await resolveConnection(services, arg, vscode.l10n.t('Configure the TLS of…'), { ask: true });
  const current = tlsChoiceOf(connection);
  const choices: TlsChoiceItem[] = [
    {
      choice: 'system',
      label: vscode.l10n.t('Trust the system’s certificates (default)'),
      detail: vscode.l10n.t('The server’s certificate must come from a CA this machine trusts.'),
    },
    {
      choice: 'caFile',
      label: vscode.l10n.t('Use a CA certificate file…'),
      detail: vscode.l10n.t(
        'Trust the CA that signed the server’s certificate (a .pem, .crt or .cer file; a self-signed certificate is its own CA), for this connection only.',
      ),
    },
    {
      choice: 'selfSigned',
      label: vscode.l10n.t('Accept a self-signed certificate for this connection only'),
      detail: vscode.l10n.t('The server’s certificate is not checked for this connection: only for a server you control.'),
    },
  ];
  const items = choices.map((item) => ({
    ...item,
    ...(item.choice === current
      ? { description: current === 'caFile' ? vscode.l10n.t('● current: {0}', connection.caFile ?? '') : vscode.l10n.t('● current') }
      : {}),
  }));
  const picked: { choice?: TlsChoice | 'back' } = {};
  await MultiStepInput.run(services.ui, async (input) => {
    picked.choice = (
      await input.pick({
        title: vscode.l10n.t('Configure TLS · {0}', connection.name),
        placeholder: vscode.l10n.t('How {0} is trusted, for this connection only', connection.url),
        items,
        activeItem: items.find((i) => i.choice === current),
      })
    ).choice;
  });

  const updated: Connection = { ...connection };
  delete updated.caFile;
  delete updated.allowSelfSigned;
  if (picked.choice === 'caFile') {
    const file = await pickCaFile(services.ui, connection.name);
    if (!file) {
      throw new FlowCancelled();
    }
    updated.caFile = file;
  } else if (picked.choice === 'selfSigned') {
    if (!(await confirmSelfSigned(services.ui, connection.url))) {
      throw new FlowCancelled();
    }
    updated.allowSelfSigned = true;
  }
  // The store tells the caches (and so the tree) that this connection changed.
  await services.store.update(updated);
  services.log.info(`TLS of “${updated.name}”: ${trustOf(updated)}`);

  const summary = trustSummary(updated);
  const updateCredential = vscode.l10n.t('Update Credential…');
  const credential = await services.store.getCredential(updated.id);
  if (!credential) {
    void services.ui.warn(vscode.l10n.t('{0}. No credential is stored for it yet: add one to check the connection.', summary), updateCredential).then((a) => {
      if (a) {
        void vscode.commands.executeCommand('tyk.setCredential', new ConnectionNode(updated));
      }
    });
    return { connection: updated, problem: { message: vscode.l10n.t('No credential is stored.'), kind: 'unauthorized' } };
  }
  const problem = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking {0}…', updated.name) },
    () => verifyCredential(updated, credential, services.log, services.clients.timeoutMs()),
  );
  // A trust choice applies to https only: said so for a plain http:// address.
  const plainHttp = updated.url.startsWith('http://');
  if (!problem) {
    void services.ui.info(
      plainHttp
        ? vscode.l10n.t('{0} (it applies once its address is https://). The connection works.', summary)
        : vscode.l10n.t('{0}. The connection works.', summary),
    );
  } else if (problem.kind === 'unauthorized' || problem.kind === 'forbidden') {
    void services.ui
      .warn(
        plainHttp
          ? vscode.l10n.t('{0} (it applies once its address is https://). The server answers, but it refused the stored credential.', summary)
          : vscode.l10n.t('{0}. The server answers, but it refused the stored credential.', summary),
        updateCredential,
      )
      .then((a) => {
        if (a) {
          void vscode.commands.executeCommand('tyk.setCredential', new ConnectionNode(updated));
        }
      });
  } else {
    const configureAgain = vscode.l10n.t('Configure TLS…');
    const showLog = vscode.l10n.t('Show Log');
    const again = problem.kind === 'tls' ? [configureAgain] : [];
    void services.ui
      .warn(
        plainHttp
          ? vscode.l10n.t('{0} (it applies once its address is https://), but the connection still fails: {1}', summary, problem.message)
          : vscode.l10n.t('{0}, but the connection still fails: {1}', summary, problem.message),
        ...again,
        showLog,
      )
      .then((a) => {
        if (a === configureAgain) {
          void vscode.commands.executeCommand('tyk.configureTls', new ConnectionNode(updated));
        } else if (a === showLog) {
          services.log.show();
        }
      });
  }
  return { connection: updated, ...(problem ? { problem } : {}) };
}
