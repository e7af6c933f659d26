// Tyk: Rotate Key… — as Tyk means it for each kind of key:
// - a key (auth token, HMAC): a new key with the same rights, limits, policies and expiry, delivered like
//   any new key (an HMAC key with the new secret Tyk issued); the old one is revoked only after the user confirms;
// - a certificate-bound key: the same, bound to a certificate the user picks (Tyk allows one key per
//   certificate: the old binding is never copied);
// - a basic-auth user: the same user with a new password (Tyk never gives a password back, so a copy could
//   not log in).
import * as vscode from 'vscode';
import { formatApisOf } from '../domain/keyFormats';
import { grantedApis, resolveKey, type ResolvedKey } from '../app/resolveKey';
import { sendAndDeliver, type NewKeyRequest } from '../app/createAndDeliver';
import { revokeResolved } from './revokeKey';
import type { Services } from '../app/services';
import { FlowCancelled } from '../ui/multiStepInput';
import { certificateItems, pickCertificate } from '../ui/pickers';
import { withCancellableProgress } from '../ui/progress';
import { TykError } from '../tyk/errors';

export async function rotateKey(services: Services, arg?: unknown): Promise<{ revokedOld: boolean } | undefined> {
  const old = await resolveKey(services, arg);
  const { details, node } = old;
  const known = services.catalog.peek(node.connection.id);
  const names = new Map(known.map((a) => [a.apiId, a.name]));
  const apiIds = details.accessRights.map((r) => r.apiId);
  const apiNames = details.accessRights.map((r) => r.apiName || names.get(r.apiId) || r.apiId);
  const common: Omit<NewKeyRequest, 'summary' | 'create'> = {
    connection: node.connection,
    label: grantedApis(services, old),
    ...(details.alias ? { alias: details.alias } : {}),
    apiIds,
    apiNames,
    // For the insert formats: the catalog's APIs by id, else by name with `/` and `Authorization`.
    apis: formatApisOf(known, apiIds, apiNames),
  };
  if (details.kind === 'basic') {
    await newPassword(services, old, common);
    return { revokedOld: false };
  }
  const certificate = details.kind === 'certificate' ? await pickNewCertificate(services, old) : undefined;
  const created = await sendAndDeliver(services, {
    ...common,
    summary: `rotation of ${old.title}: same session${certificate ? `, bound to the certificate ${certificate}` : ''}${details.kind === 'hmac' ? ', new HMAC secret' : ''}`,
    // The same rights, limits and expiry; a suspended key's replacement is active (it replaces it).
    create: () => old.client.createKeyFromSession({ ...details.session, is_inactive: false }, certificate ? { certificate } : {}),
  });
  if (!created) {
    return undefined;
  }
  const revoke = await services.ui.confirm(
    vscode.l10n.t('Revoke the old key {0} now?', old.title),
    vscode.l10n.t('The new key has the same rights, limits and expiry. Revoke the old one once nothing uses it any more: calls made with it fail at once.'),
    vscode.l10n.t('Revoke Old Key'),
  );
  if (!revoke) {
    services.log.info(`Rotated ${old.title}; the old key was kept`);
    void services.ui.info(vscode.l10n.t('The old key {0} still works. Revoke it from the Tyk view when nothing uses it any more.', old.title));
    return { revokedOld: false };
  }
  await revokeResolved(services, old);
  void services.ui.info(vscode.l10n.t('Rotated: the old key {0} is revoked.', old.title));
  return { revokedOld: true };
}

/** A basic-auth user: after a confirmation (the old password stops working at once), a new password for the same user. */
async function newPassword(services: Services, old: ResolvedKey, common: Omit<NewKeyRequest, 'summary' | 'create'>): Promise<void> {
  const username = old.details.username ?? old.details.keyId;
  const confirmed = await services.ui.confirm(
    vscode.l10n.t('Set a new password for the basic-auth user {0}?', username),
    vscode.l10n.t('A basic-auth user is rotated by its password: the same user, its rights and limits kept, a new generated password. The old password stops working at once.'),
    vscode.l10n.t('Set New Password'),
  );
  if (!confirmed) {
    throw new FlowCancelled();
  }
  await sendAndDeliver(services, {
    ...common,
    label: vscode.l10n.t('{0}, user {1}', common.label, username),
    summary: `new password for the basic-auth user ${username} (same user, same session)`,
    progressTitle: vscode.l10n.t('Setting a new password for {0}…', username),
    passwordOnly: true,
    create: async () => {
      const set = await old.client.setBasicAuthPassword(old.ref);
      return { key: old.details.keyId, username: set.username, password: set.password };
    },
  });
}

/** The certificate the new key is bound to: another one than the old key's (Tyk allows one key per certificate). */
async function pickNewCertificate(services: Services, old: ResolvedKey): Promise<string> {
  const current = old.details.certificate;
  const all = await withCancellableProgress(services.ui, vscode.l10n.t('Reading the certificates of {0}…', old.node.connection.name), (signal) =>
    old.client.listCertificates({ signal }),
  );
  const others = all.filter((c) => c.id !== current);
  if (others.length === 0) {
    throw new TykError(
      'not-found',
      vscode.l10n.t(
        'The key {0} is bound to a client certificate, and Tyk allows one key per certificate: add the client’s new certificate to the server first (Dashboard: Certificates), then rotate the key onto it.',
        old.title,
      ),
    );
  }
  const picked = await pickCertificate(
    services.ui,
    certificateItems(others),
    vscode.l10n.t('Rotate the key {0}', old.title),
    vscode.l10n.t('The certificate the new key is bound to (the old key keeps its own until revoked)'),
  );
  return picked.id;
}
