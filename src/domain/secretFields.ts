// A key's session as shown to the user (Show Key Details): every field that holds a secret of its own is
// hidden, found by its name's pattern, at any depth (meta_data, basic_auth_data, jwt_data, hmac_string,
// oauth client secrets, certificates' private parts…), whatever its case. Plain Node.

/**
 * Names of fields that hold secrets: passwords, secrets (client_secret, hmac secret…), tokens, private
 * keys, HMAC strings, credentials, API keys, signatures, sessions' own keys. Matched anywhere in the name,
 * whatever its case and separators (`Password`, `clientSecret`, `client-secret`, `PRIVATE_KEY`).
 */
const SECRET_NAME = /pass(?:word|wd|phrase)?(?![a-z])|secret|token|private|hmac|credential|api[_-]?key|signature|oauth[_-]?keys|^key[_-]?id$|^certificate$|^cert[_-]?key$|^pwd$|^pin$|^otp$|^salt$|^nonce$/i;

/** Whether a field of this name holds a secret (see SECRET_NAME). */
export function isSecretFieldName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * A copy of `value` (a session read back) with the value of every secret-named field replaced by
 * `hidden` (an empty or null value stays, to show there is none, and so does a flag: `enable_hmac: true`
 * says nothing secret), at any depth, in objects and arrays.
 * Deeply nested or cyclic input cannot make it recurse without end: beyond `maxDepth` a value is hidden.
 */
export function hideSecretFields(value: unknown, hidden: string, maxDepth = 32): unknown {
  if (maxDepth <= 0) {
    return typeof value === 'object' && value !== null ? hidden : value;
  }
  if (Array.isArray(value)) {
    return value.map((v) => hideSecretFields(v, hidden, maxDepth - 1));
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const secret = isSecretFieldName(k) && v !== '' && v !== null && v !== undefined && typeof v !== 'boolean';
      const shown = secret ? hidden : hideSecretFields(v, hidden, maxDepth - 1);
      // defineProperty: a "__proto__" field stays a field.
      Object.defineProperty(out, k, { value: shown, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
