// Tyk: Edit Connection… — rename a connection, or change its address (a Dashboard moved behind a proxy,
// a new port). The stored credential is bound to the address it was given for (ConnectionStore): after a
// change of address it goes to the new one only when the user says so, else it is asked for again.
import * as vscode from 'vscode';
import { FlowCancelled, MultiStepInput } from '../ui/multiStepInput';
import type { Services } from '../app/services';
import { resolveConnection } from '../app/resolveConnection';
import type { Connection } from '../domain/connectionSettings';
import { mustParse, parseBaseUrl, problem } from '../domain/validation';
import { MAX_NAME_LENGTH } from '../domain/limits';
import { productName } from '../domain/labels';

type Edit = 'rename' | 'address';

export async function editConnection(services: Services, arg?: unknown): Promise<Connection> {
  const connection = await resolveConnection(services, arg, vscode.l10n.t('Edit the connection…'), { ask: true });
  let edit: Edit = 'rename';
  let value = '';
  await MultiStepInput.run(services.ui, async (input) => {
    const picked = await input.pick({
      title: vscode.l10n.t('Edit Connection · {0}', connection.name),
      step: 1,
      totalSteps: 2,
      placeholder: vscode.l10n.t('What to change'),
      items: [
        { label: vscode.l10n.t('Rename…'), description: connection.name, edit: 'rename' as const },
        { label: vscode.l10n.t('Change Address…'), description: connection.url, edit: 'address' as const },
      ],
    });
    edit = picked.edit;
    return edit === 'rename' ? askName : askAddress;
  });

  async function askName(input: MultiStepInput): Promise<void> {
    const others = services.store.list().filter((c) => c.id !== connection.id).map((c) => c.name);
    value = await input.input({
      title: vscode.l10n.t('Rename · {0}', connection.name),
      step: 2,
      totalSteps: 2,
      value: connection.name,
      prompt: vscode.l10n.t('The connection’s name in the Tyk view and the status bar'),
      validate: (v) =>
        v.trim() === ''
          ? vscode.l10n.t('Enter a name.')
          : v.trim().length > MAX_NAME_LENGTH
            ? vscode.l10n.t('Use at most {0} characters.', MAX_NAME_LENGTH)
            : others.includes(v.trim())
              ? vscode.l10n.t('Another connection is called “{0}”.', v.trim())
              : undefined,
    });
  }

  async function askAddress(input: MultiStepInput): Promise<void> {
    value = await input.input({
      title: vscode.l10n.t('Change Address · {0}', connection.name),
      step: 2,
      totalSteps: 2,
      value: connection.url,
      prompt: vscode.l10n.t('The new address of this {0}; its APIs are loaded again from there', productName(connection.kind)),
      validate: (v) => problem(parseBaseUrl(v)),
    });
  }

  if (edit === 'rename') {
    const name = value.trim();
    const renamed: Connection = { ...connection, name };
    await services.store.update(renamed);
    services.log.info(`Renamed the connection “${connection.name}” to “${name}”`);
    return renamed;
  }
  return changeAddress(services, connection, value);
}

async function changeAddress(services: Services, connection: Connection, typed: string): Promise<Connection> {
  const { url, insecure } = mustParse(parseBaseUrl(typed));
  if (url === connection.url) {
    return connection;
  }
  if (insecure) {
    const ok = await services.ui.confirm(
      vscode.l10n.t('Send the credential to {0} over plain http?', url),
      vscode.l10n.t('It would cross the network unencrypted, readable by anyone on the way. Use https:// unless this network is trusted.'),
      vscode.l10n.t('Use http anyway'),
    );
    if (!ok) {
      throw new FlowCancelled();
    }
  }
  // Trust chosen for one server (CA file, self-signed, plain http) does not carry over to another.
  const moved: Connection = {
    id: connection.id,
    name: connection.name,
    kind: connection.kind,
    url,
    ...(connection.gatewayUrl ? { gatewayUrl: connection.gatewayUrl } : {}),
    ...(insecure ? { allowInsecureHttp: true } : {}),
  };
  const keep = await services.ui.confirm(
    vscode.l10n.t('Use the stored credential at {0}?', url),
    vscode.l10n.t('Only if {0} is the same {1} as {2}. Otherwise you will be asked for the credential of the new address.', url, productName(connection.kind), connection.url),
    vscode.l10n.t('Use It There'),
  );
  await services.store.update(moved);
  if (keep) {
    await services.store.rebindCredential(moved.id);
  }
  services.log.info(`Moved the connection “${connection.name}” from ${connection.url} to ${url}${keep ? ' (credential kept)' : ''}`);
  void services.ui.info(
    keep
      ? vscode.l10n.t('{0} now connects to {1}.', connection.name, url)
      : vscode.l10n.t('{0} now connects to {1}. Enter its credential there with Update Credential… (asked when it is next used).', connection.name, url),
  );
  return moved;
}
