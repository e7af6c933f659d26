// Secrets kept out of what the user and the log see: credentials are replaced by «redacted», keys by
// their masked form (`abcd…9f2e`). Shared by the HTTP client (server messages, reason phrases, quoted
// bodies) and the extension's log, so a key the tree listed is hidden wherever a server echoes it.
// Plain Node.
import { plainText } from '../domain/displayText';
import { maskKey } from '../domain/mask';

export const REDACTED = '«redacted»';

/** Shorter values would redact ordinary words: real credentials and keys are longer. */
const MIN_CREDENTIAL_LENGTH = 4;
const MIN_KEY_LENGTH = 6;

interface Secret {
  value: string;
  replacement: string;
}

export class SecretRedactor {
  private readonly credentials = new Set<string>();
  private readonly keys = new Set<string>();
  private sorted: Secret[] | undefined;

  /** A credential (Dashboard API access credential, Gateway secret): replaced by «redacted». */
  addCredential(value: string | undefined): void {
    if (value && value.length >= MIN_CREDENTIAL_LENGTH && !this.credentials.has(value)) {
      this.credentials.add(value);
      this.sorted = undefined;
    }
  }

  /** A key (created, inserted, or listed in the tree): masked wherever it appears. */
  addKey(value: string | undefined): void {
    if (value && value.length >= MIN_KEY_LENGTH && !this.keys.has(value)) {
      this.keys.add(value);
      this.sorted = undefined;
    }
  }

  /** Every key of a listing (a page of an API's keys), masked from now on. */
  addKeys(values: Iterable<string>): void {
    for (const value of values) {
      this.addKey(value);
    }
  }

  /** `text` with every secret replaced, longest first (a secret containing another goes whole). */
  apply(text: string, extraCredentials: readonly string[] = []): string {
    let out = text;
    for (const secret of this.secrets(extraCredentials)) {
      if (out.includes(secret.value)) {
        out = out.split(secret.value).join(secret.replacement);
      }
    }
    return out;
  }

  /**
   * At most `max` characters of untrusted `text`, cut first, then redacted, then made plain text
   * (`plainText`): the cost depends on `max` and the secrets, never on the length of `text`, and no
   * part of a secret shows, even one the cut goes through.
   */
  excerpt(text: string, max: number, extraCredentials: readonly string[] = []): string {
    return redactedExcerpt(text, max, this.secrets(extraCredentials));
  }

  private secrets(extraCredentials: readonly string[]): Secret[] {
    this.sorted ??= sortSecrets([...this.credentials], [...this.keys]);
    const extra = extraCredentials.filter((c) => c.length >= MIN_CREDENTIAL_LENGTH && !this.credentials.has(c));
    return extra.length === 0 ? this.sorted : sortSecrets([...this.credentials, ...extra], [...this.keys]);
  }
}

function sortSecrets(credentials: string[], keys: string[]): Secret[] {
  const out: Secret[] = [
    ...credentials.map((value) => ({ value, replacement: REDACTED })),
    ...keys.filter((k) => !credentials.includes(k)).map((value) => ({ value, replacement: maskKey(value) })),
  ];
  return out.sort((a, b) => b.value.length - a.value.length);
}

/**
 * The first `max` characters of `text` with every secret that starts among them replaced whole (the
 * window read is `max` + the longest secret, so such a secret is always whole in it), and nothing of
 * what starts after them: a secret cut by the window never shows in part.
 */
export function redactedExcerpt(text: string, max: number, secrets: readonly Secret[]): string {
  const longest = secrets.reduce((n, s) => Math.max(n, s.value.length), 0);
  const window = text.slice(0, max + longest);
  const marks: Array<{ start: number; end: number; replacement: string }> = [];
  for (const secret of secrets) {
    for (let at = window.indexOf(secret.value); at !== -1 && at < max; at = window.indexOf(secret.value, at + 1)) {
      const end = at + secret.value.length;
      if (!marks.some((m) => at < m.end && end > m.start)) {
        marks.push({ start: at, end, replacement: secret.replacement });
      }
    }
  }
  marks.sort((a, b) => a.start - b.start);
  let out = '';
  let read = 0;
  for (const mark of marks) {
    out += window.slice(read, mark.start) + mark.replacement;
    read = mark.end;
  }
  if (read < max) {
    out += window.slice(read, max);
    read = Math.min(max, text.length);
  }
  // The rest is not read; its ellipsis is the sign that there was more.
  return plainText(read < text.length ? `${out}${'\u2026'}` : out, max);
}

/** A redactor holding `credentials` only. */
export function redactorOf(...credentials: Array<string | undefined>): SecretRedactor {
  const redactor = new SecretRedactor();
  for (const c of credentials) {
    redactor.addCredential(c);
  }
  return redactor;
}
