// Every command runs through here: a user cancel is silent; any other failure is logged (secrets
// masked) and shown once, in words, with an action where one helps. Never a stack trace in the UI.
import * as vscode from 'vscode';
import { isTykError, type TykError } from '../tyk/errors';
import { FlowCancelled } from '../ui/multiStepInput';
import { NoConnectionError } from '../ui/pickers';
import { SecretStorageError } from '../services/secrets';
import type { Connection } from '../services/connections';
import { ConnectionNode } from './nodes';
import { connectionOf } from './resolveConnection';
import type { Services } from './services';

type Handler = (...args: unknown[]) => Promise<unknown>;

export function isUserCancel(e: unknown): boolean {
  return e instanceof FlowCancelled || (isTykError(e) && e.kind === 'cancelled' && !e.outcomeUnknown);
}

interface Action {
  title: string;
  run: () => Thenable<unknown>;
}

/** `connection`: the one the command ran on, when it came from its tree node; else the actions ask (or use the default). */
function actionsFor(e: TykError, services: Services, connection: Connection | undefined): Action[] {
  const node = connection ? [new ConnectionNode(connection)] : [];
  const showLog: Action = { title: vscode.l10n.t('Show Log'), run: () => Promise.resolve(services.log.show()) };
  const openSettings: Action = { title: vscode.l10n.t('Open Settings'), run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'tyk.') };
  switch (e.kind) {
    case 'unauthorized':
      return [{ title: vscode.l10n.t('Update Credential…'), run: () => vscode.commands.executeCommand('tyk.setCredential', ...node) }, showLog];
    case 'tls':
      return [{ title: vscode.l10n.t('Configure TLS…'), run: () => vscode.commands.executeCommand('tyk.configureTls', ...node) }, showLog];
    case 'network':
    case 'timeout':
      return [openSettings, showLog];
    case 'conflict':
      // Something on the server stands in the way (a key already bound to the certificate…): see what is there now.
      return [{ title: vscode.l10n.t('Refresh'), run: () => vscode.commands.executeCommand('tyk.refresh', ...node) }, showLog];
    default:
      return [showLog];
  }
}

export function reportError(e: unknown, services: Services, commandTitle: string, connection?: Connection): void {
  if (isUserCancel(e)) {
    services.log.debug(`${commandTitle}: cancelled`);
    return;
  }
  if (isTykError(e) && e.kind === 'cancelled') {
    // The user stopped waiting for a write the server had already received: not an error, but the
    // user must know it may have happened.
    services.log.warn(`${commandTitle}: ${e.message}`);
    void services.ui.warn(e.message, vscode.l10n.t('Refresh')).then((picked) => (picked ? vscode.commands.executeCommand('tyk.refresh') : undefined));
    return;
  }
  if (e instanceof NoConnectionError) {
    services.log.info(`${commandTitle}: ${e.message}`);
    void services.ui.info(e.message, vscode.l10n.t('Add Connection…')).then((a) => {
      if (a) {
        void vscode.commands.executeCommand('tyk.addConnection');
      }
    });
    return;
  }
  if (e instanceof SecretStorageError) {
    services.log.error(`${commandTitle}: ${e.message}`);
    void services.ui.error(e.message, vscode.l10n.t('Show Log')).then((picked) => (picked ? services.log.show() : undefined));
    return;
  }
  if (isTykError(e)) {
    services.log.error(`${commandTitle} failed (${e.kind}${e.status ? ` ${e.status}` : ''}${e.code ? ` ${e.code}` : ''}): ${e.message}`);
    const actions = actionsFor(e, services, connection);
    void services.ui.error(e.message, ...actions.map((a) => a.title)).then((picked) => {
      void actions.find((a) => a.title === picked)?.run();
    });
    return;
  }
  const error = e instanceof Error ? e : new Error(String(e));
  services.log.error(`${commandTitle} failed unexpectedly: ${error.stack ?? error.message}`);
  void services.ui.error(vscode.l10n.t('{0} failed unexpectedly: {1}. The log has the details.', commandTitle, error.message), vscode.l10n.t('Show Log')).then((picked) => {
    if (picked) {
      services.log.show();
    }
  });
}

/** A command handler whose failures go through `reportError` (and resolve to undefined). */
export function withErrorReport(services: Services, title: string, handler: Handler): Handler {
  return async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (e) {
      reportError(e, services, title, connectionOf(args[0]));
      return undefined;
    }
  };
}
