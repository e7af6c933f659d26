// Add Connection: kind → base URL (checked without a credential: is a Tyk there?) → credential
// (checked against the server before anything is saved) → display name. An address that does not
// answer, or answers but not as a Tyk, is said on the address step, the typed text kept; a wrong
// credential on the credential step. A certificate the check does not trust can be fixed right there,
// on the address step: trust a CA file, or accept a self-signed certificate for this connection, then
// the address is checked again. Back keeps what was typed.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isUntrustedCertificate, type AddressProblem, type CredentialProblem } from '../tyk/errors';
import type { TykFlavor } from '../domain/model';
import { hasScheme, mustParse, parseBaseUrl, parseCredential, problem } from '../domain/validation';
import type { Ui } from './ui';
import { MultiStepInput, type InputStep } from './multiStepInput';
import { confirmSelfSigned, pickCaFile, type TlsChoiceItem } from './tlsChoices';
import { firstSentence } from '../domain/labels';
import { plainText } from '../domain/displayText';

/** The longest address a message repeats (the box holds it whole). */
const MAX_URL_SHOWN = 200;

export interface NewConnection {
  kind: TykFlavor;
  url: string;
  credential: string;
  name: string;
  allowInsecureHttp: boolean;
  /** Chosen when the server's certificate was not trusted: a CA file to trust for this connection… */
  caFile?: string;
  /** …or no certificate check for this connection. */
  allowSelfSigned?: boolean;
}

/** What a credential is checked against. */
export interface VerifyTarget {
  kind: TykFlavor;
  url: string;
  caFile?: string;
  allowSelfSigned?: boolean;
  allowInsecureHttp?: boolean;
}

/** What an address is checked with: the trust chosen for its certificate, if any. */
export type AddressTarget = Omit<VerifyTarget, 'allowInsecureHttp'>;

export interface AddConnectionFlowOptions {
  ui: Ui;
  /**
   * Asks the address whether a Tyk of that kind answers there, sending no credential; returns why not
   * (unreachable, TLS, `not-tyk`…), or undefined. `signal` is aborted when the user leaves the step.
   */
  checkAddress: (target: AddressTarget, signal?: AbortSignal) => Promise<AddressProblem | undefined>;
  /** Asks the server whether the credential works; returns why not (and the kind of failure), or undefined. */
  verify: (target: VerifyTarget, credential: string) => Promise<CredentialProblem | undefined>;
  /** Names already taken, to suggest a unique default. */
  existingNames: readonly string[];
  initial?: Partial<Pick<NewConnection, 'kind' | 'url' | 'name'>>;
}

interface KindItem extends vscode.QuickPickItem {
  flavor: TykFlavor;
}

const FIXES: TlsChoiceItem[] = [
  {
    choice: 'caFile',
    label: vscode.l10n.t('Use a CA certificate file…'),
    detail: vscode.l10n.t(
      'Trust the CA that signed the server’s certificate (a .pem, .crt or .cer file; a self-signed certificate is its own CA), for this connection only.',
    ),
  },
  {
    choice: 'selfSigned',
    label: vscode.l10n.t('Accept this self-signed certificate for this connection'),
    detail: vscode.l10n.t('The server’s certificate is not checked for this connection: only for a server you control.'),
  },
  { choice: 'back', label: vscode.l10n.t('Back'), detail: vscode.l10n.t('Change the address.') },
];

const KINDS: KindItem[] = [
  {
    flavor: 'dashboard',
    label: vscode.l10n.t('Tyk Dashboard'),
    description: vscode.l10n.t('Tyk Self-Managed or Tyk Cloud'),
    detail: vscode.l10n.t('Uses your user’s “Tyk Dashboard API Access Credentials” (Users → your user).'),
  },
  {
    flavor: 'gateway',
    label: vscode.l10n.t('Tyk Gateway'),
    description: vscode.l10n.t('open source, without a Dashboard'),
    detail: vscode.l10n.t('Uses the Gateway API secret from tyk.conf.'),
  },
];

function defaultName(url: string, taken: readonly string[]): string {
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // keep the text as typed
  }
  let name = host;
  for (let i = 2; taken.includes(name); i++) {
    name = `${host} (${i})`;
  }
  return name;
}

export async function runAddConnectionFlow(o: AddConnectionFlowOptions): Promise<NewConnection> {
  const title = vscode.l10n.t('Connect to Tyk');
  const state: Partial<NewConnection> & { confirmedInsecureFor?: string } = { ...o.initial };
  const totalSteps = 4;

  const pickKind: InputStep = async (input) => {
    const current = KINDS.find((k) => k.flavor === state.kind) ?? KINDS[0];
    const picked = await input.pick({
      title,
      step: 1,
      totalSteps,
      placeholder: vscode.l10n.t('What do you connect to?'),
      items: KINDS,
      ...(current ? { activeItem: current } : {}),
    });
    state.kind = picked.flavor;
    return askUrl;
  };

  const askUrl: InputStep = async (input) => {
    const gateway = state.kind === 'gateway';
    const example = gateway ? vscode.l10n.t('localhost:8080 or https://gateway.example.com') : vscode.l10n.t('localhost:3000 or https://dashboard.example.com');
    const prompt = gateway
      ? vscode.l10n.t('The Gateway’s address, e.g. {0}. Typed without http:// or https://, an address on this machine (localhost, 127.x, ::1) gets http://, any other https://.', example)
      : vscode.l10n.t('The Dashboard’s address, e.g. {0}. Typed without http:// or https://, an address on this machine (localhost, 127.x, ::1) gets http://, any other https://.', example);
    /** The address a server answered at, but not as a Tyk, just said: Enter again on it uses it anyway. */
    let notTykSaidFor: string | undefined;
    let typed = state.url ?? '';
    /** Why the address was refused after a certificate choice: said above the box when it shows again. */
    let rejected: string | undefined;
    for (;;) {
      let untrusted: AddressProblem | undefined;
      /** “Use https:// instead” of plain http: the box shows the https:// address, to check it. */
      let retype: string | undefined;
      const value = await input.input({
        title,
        step: 2,
        totalSteps,
        value: typed,
        prompt: rejected ? `${rejected} — ${prompt}` : prompt,
        placeholder: example,
        validate: (v) => problem(parseBaseUrl(v)),
        hint: (v) => {
          const parsed = parseBaseUrl(v);
          // Until the address is edited, the prompt says why it was refused after a certificate choice.
          if (!parsed.ok || (rejected && v === typed)) {
            return undefined;
          }
          // The prompt (and its rule) gives way to this message: say the rule when it chose the scheme.
          // The typed path, shown as text: never a link in the message.
          const url = plainText(parsed.value.url, MAX_URL_SHOWN);
          return hasScheme(v)
            ? vscode.l10n.t('Will connect to {0}', url)
            : vscode.l10n.t('Will connect to {0} (typed without a scheme: http:// for this machine, https:// for other hosts)', url);
        },
        verify: async (v, signal) => {
          untrusted = undefined;
          retype = undefined;
          const { url, insecure } = mustParse(parseBaseUrl(v));
          const found = await o.checkAddress(addressTarget(url), signal);
          if (isUntrustedCertificate(found)) {
            // Offered on the next screen, on this step.
            untrusted = found;
            return undefined;
          }
          const saidBefore = notTykSaidFor === url;
          notTykSaidFor = found?.kind === 'not-tyk' ? url : undefined;
          if (found?.kind === 'not-tyk') {
            if (!saidBefore) {
              return vscode.l10n.t('{0} Press Enter again to use this address anyway.', found.message);
            }
          } else if (found) {
            return found.message;
          }
          if (insecure && state.confirmedInsecureFor !== url) {
            // The safe answer first: it is the default button (Enter); plain http only when picked.
            const https = vscode.l10n.t('Use https:// Instead');
            const anyway = vscode.l10n.t('Use http anyway');
            const answer = await o.ui.choose(
              vscode.l10n.t('Send the credential to {0} over plain http?', url),
              vscode.l10n.t('It would cross the network unencrypted, readable by anyone on the way. Use https:// unless this network is trusted.'),
              [https, anyway],
            );
            if (answer === https) {
              retype = `https://${url.slice('http://'.length)}`;
              return undefined;
            }
            if (answer !== anyway) {
              return vscode.l10n.t('Use an https:// address, or confirm plain http.');
            }
            state.confirmedInsecureFor = url;
          }
          return undefined;
        },
      });
      typed = retype ?? value;
      if (retype) {
        rejected = undefined;
        continue;
      }
      const { url, insecure } = mustParse(parseBaseUrl(value));
      if (state.url !== url) {
        // Trust chosen for one server does not carry over to another.
        state.caFile = undefined;
        state.allowSelfSigned = undefined;
      }
      state.url = url;
      state.allowInsecureHttp = insecure;
      if (!untrusted) {
        return askCredential;
      }
      const fixed = await fixCertificate(input, untrusted);
      if (fixed === 'ok') {
        return askCredential;
      }
      rejected = fixed === 'back' ? undefined : fixed.message;
    }
  };

  /** The address as checked: with the trust chosen for its certificate, when it is the same address. */
  const addressTarget = (url: string): AddressTarget => ({
    kind: state.kind ?? 'dashboard',
    url,
    ...(url === state.url && state.caFile ? { caFile: state.caFile } : {}),
    ...(url === state.url && state.allowSelfSigned ? { allowSelfSigned: true } : {}),
  });

  const target = (): VerifyTarget => ({
    ...addressTarget(state.url ?? ''),
    ...(state.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
  });

  const askCredential: InputStep = async (input) => {
    const dashboard = state.kind !== 'gateway';
    const prompt = dashboard
      ? vscode.l10n.t('Your Tyk Dashboard API Access Credentials (Dashboard → Users → your user). Stored only in VS Code’s secret storage.')
      : vscode.l10n.t('The Gateway API secret (`secret` in tyk.conf). Stored only in VS Code’s secret storage.');
    const value = await input.input({
      title,
      step: 3,
      totalSteps,
      value: state.credential ?? '',
      password: true,
      prompt,
      validate: (v) => problem(parseCredential(v)),
      verify: async (v) => (await o.verify(target(), mustParse(parseCredential(v))))?.message,
    });
    state.credential = mustParse(parseCredential(value));
    return askName;
  };

  /** The certificate is not trusted: trust a CA file or accept it, then check the address again; or go back. */
  const fixCertificate = async (input: MultiStepInput, untrusted: AddressProblem): Promise<'ok' | 'back' | AddressProblem> => {
    let placeholder = firstSentence(untrusted.message);
    for (;;) {
      let picker: vscode.QuickPick<TlsChoiceItem> | undefined;
      const picked = await input.pick<TlsChoiceItem>({
        // The same title as the address step it belongs to; what is wrong is said where the placeholder is.
        title,
        step: 2,
        totalSteps,
        placeholder,
        items: FIXES,
        onDidShow: (p) => {
          picker = p;
          return undefined;
        },
      });
      if (picked.choice === 'back') {
        state.caFile = undefined;
        state.allowSelfSigned = undefined;
        return 'back';
      }
      const url = state.url ?? '';
      let options: Pick<VerifyTarget, 'caFile' | 'allowSelfSigned'>;
      if (picked.choice === 'caFile') {
        const file = await pickCaFile(o.ui, url);
        if (!file) {
          continue;
        }
        options = { caFile: file };
      } else {
        if (!(await confirmSelfSigned(o.ui, url))) {
          continue;
        }
        options = { allowSelfSigned: true };
      }
      if (picker) {
        // Shown again (a file dialog may have hidden it), busy while the address is checked again.
        picker.enabled = false;
        picker.busy = true;
        picker.show();
      }
      const again = await o.checkAddress({ kind: state.kind ?? 'dashboard', url, ...options });
      if (again?.kind === 'tls') {
        // Still a certificate problem (another CA, an unreadable file, another host name…): choose again.
        placeholder =
          options.caFile && isUntrustedCertificate(again)
            ? vscode.l10n.t('{0} does not make the certificate trusted: choose the CA that signed it.', path.basename(options.caFile))
            : firstSentence(again.message);
        continue;
      }
      // The certificate is now accepted: keep the choice even if the address still fails otherwise.
      state.caFile = options.caFile;
      state.allowSelfSigned = options.allowSelfSigned;
      return again ?? 'ok';
    }
  };

  const askName: InputStep = async (input) => {
    const value = await input.input({
      title,
      step: 4,
      totalSteps,
      value: state.name ?? defaultName(state.url ?? '', o.existingNames),
      prompt: vscode.l10n.t('A name for this connection (e.g. dev, staging, prod)'),
      validate: (v) => (v.trim() === '' ? vscode.l10n.t('Enter a name.') : v.trim().length > 80 ? vscode.l10n.t('At most {0} characters.', 80) : undefined),
    });
    state.name = value.trim();
  };

  await MultiStepInput.run(o.ui, pickKind);
  return {
    kind: state.kind ?? 'dashboard',
    url: state.url ?? '',
    credential: state.credential ?? '',
    name: state.name ?? '',
    allowInsecureHttp: state.allowInsecureHttp ?? false,
    ...(state.caFile ? { caFile: state.caFile } : {}),
    ...(state.allowSelfSigned ? { allowSelfSigned: true } : {}),
  };
}
