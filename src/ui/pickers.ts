// Palette commands ask for what they did not get from the tree.
import * as vscode from 'vscode';
import type { Ui } from './ui';
import type { Connection } from '../domain/connectionSettings';
import { MultiStepInput } from './multiStepInput';
import { connectionDescription } from '../domain/labels';
import type { TykCertificate } from '../domain/model';
import { format } from '../domain/format';

export class NoConnectionError extends Error {
  constructor() {
    super(vscode.l10n.t('No Tyk connection yet: run “Tyk: Add Connection…” first.'));
    this.name = 'NoConnectionError';
  }
}

export interface ConnectionItem extends vscode.QuickPickItem {
  connection: Connection;
}

/** "Dashboard · https://…", with "● default ·" in front for the default connection. */
export function connectionItems(connections: readonly Connection[], defaultId: string | undefined): ConnectionItem[] {
  return connections.map((c) => ({
    label: c.name,
    description: connectionDescription(c, c.id === defaultId),
    connection: c,
  }));
}

/** A one-step quick pick of connections (the default marked, `activeId` highlighted); FlowCancelled on Escape. */
export async function pickFrom(
  ui: Ui,
  connections: readonly Connection[],
  defaultId: string | undefined,
  activeId: string | undefined,
  title: string,
  placeholder: string,
): Promise<Connection> {
  const items = connectionItems(connections, defaultId);
  const active = items.find((i) => i.connection.id === activeId);
  const picked: { connection?: Connection } = {};
  await MultiStepInput.run(ui, async (input) => {
    picked.connection = (
      await input.pick({ title, placeholder, items, matchOnDescription: true, ...(active ? { activeItem: active } : {}) })
    ).connection;
  });
  if (!picked.connection) {
    throw new Error(vscode.l10n.t('no connection was picked'));
  }
  return picked.connection;
}

export interface CertificateItem extends vscode.QuickPickItem {
  certificate: TykCertificate;
}

/** One item per certificate: its subject, its expiry, its issuer and id; `note` marks some (e.g. the one bound now). */
export function certificateItems(certificates: readonly TykCertificate[], note?: (c: TykCertificate) => string | undefined): CertificateItem[] {
  return certificates.map((certificate) => ({
    label: `$(workspace-trusted) ${certificate.subject || certificate.id}`,
    description: [certificate.notAfter ? vscode.l10n.t('valid until {0}', format().dateTime(certificate.notAfter) || certificate.notAfter) : '', note?.(certificate) ?? ''].filter(Boolean).join(' · '),
    detail: [certificate.issuer ? vscode.l10n.t('issued by {0}', certificate.issuer) : '', certificate.id].filter(Boolean).join(' · '),
    certificate,
  }));
}

/** A one-step quick pick of certificates; FlowCancelled on Escape. */
export async function pickCertificate(ui: Ui, items: readonly CertificateItem[], title: string, placeholder: string): Promise<TykCertificate> {
  const picked: { certificate?: TykCertificate } = {};
  await MultiStepInput.run(ui, async (input) => {
    picked.certificate = (await input.pick({ title, placeholder, items, matchOnDescription: true, matchOnDetail: true })).certificate;
  });
  if (!picked.certificate) {
    throw new Error(vscode.l10n.t('no certificate was picked'));
  }
  return picked.certificate;
}
