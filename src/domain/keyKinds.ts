// What Create Key does per kind of API, in words the UI can show: which kinds make a key, and what to
// do instead where Tyk does not use a created key (JWT, OAuth 2.0, OpenID Connect, keyless, static mTLS,
// custom plugins).
import * as l10n from '@vscode/l10n';
import type { KeyKind, NotRequestableReason } from './model';

/** Whether Create Key makes something the API accepts: a key, a certificate-bound key, a basic-auth user or an HMAC key. */
export function createsKey(kind: KeyKind): boolean {
  return kind === 'authToken' || kind === 'certificate' || kind === 'basic' || kind === 'hmac';
}

/** What Create Key makes for a kind, in words: "a key", "a basic-auth user"… */
export function keyKindLabel(kind: KeyKind): string {
  switch (kind) {
    case 'authToken':
      return l10n.t('a key');
    case 'certificate':
      return l10n.t('a certificate-bound key');
    case 'basic':
      return l10n.t('a basic-auth user');
    case 'hmac':
      return l10n.t('an HMAC key');
    case 'jwt':
      return l10n.t('JSON Web Tokens');
    case 'oauth2':
      return l10n.t('OAuth 2.0 tokens');
    case 'oidc':
      return l10n.t('OpenID Connect tokens');
    case 'keyless':
      return l10n.t('no key (keyless)');
    case 'mtls':
      return l10n.t('an allowed client certificate');
    case 'custom':
      return l10n.t('a custom plugin’s credentials');
  }
}

/** What to do instead of creating a key, for the kinds where Tyk does not use one; undefined for the others. */
export function keyKindAdvice(kind: KeyKind): string | undefined {
  switch (kind) {
    case 'jwt':
      return l10n.t('This API accepts JSON Web Tokens issued by your identity provider, not Tyk keys: Tyk finds the policy to apply from the token (its policy claim, or the API’s default policies). Create or pick a policy for it instead of a key.');
    case 'oauth2':
      return l10n.t('This API uses Tyk’s OAuth 2.0 flow: callers get tokens through an OAuth client. Create an OAuth client for the API (Dashboard: Apps, or the Gateway’s /tyk/oauth/clients) with a policy, instead of a key.');
    case 'oidc':
      return l10n.t('This API accepts OpenID Connect tokens from the providers it lists: map each client to a policy in the API’s OpenID Connect settings instead of creating a key.');
    case 'keyless':
      return l10n.t('This API is open (keyless): requests need no key.');
    case 'mtls':
      return l10n.t('This API lets in clients that present an allowed certificate (static mTLS): add the client’s certificate to the API’s allow list instead of creating a key.');
    case 'custom':
      return l10n.t('This API authenticates with a custom plugin: the plugin decides who may call it, so a created key may not be used. Check with whoever wrote the plugin.');
    default:
      return undefined;
  }
}

/** Why no request snippet is offered for an API. */
export function notRequestableMessage(reason: NotRequestableReason): string {
  switch (reason) {
    case 'tcp':
      return l10n.t('This is a TCP/TLS API: it takes no HTTP requests, so no request can be written for it.');
    case 'regex-path':
      return l10n.t('The API’s listen path holds a pattern ({…}): fill in a real path before sending a request.');
    case 'secret-path':
      return l10n.t('The API’s listen path is a reference the Gateway resolves (env://, secrets://…): its real path is not known here.');
  }
}
