// Keys are secrets too: logs and labels show only their ends.

/** `abcd…9f2e` for a long key; short values are hidden entirely but for their last two characters. */
export function maskKey(key: string): string {
  return key.length >= 16 ? `${key.slice(0, 4)}…${maskedEnding(key)}` : `…${maskedEnding(key)}`;
}

/** The last characters `maskKey` shows of a key: 4 of a long key, 2 of a short one, none of a tiny one. */
export function maskedEnding(key: string): string {
  return key.length >= 16 ? key.slice(-4) : key.length >= 6 ? key.slice(-2) : '';
}

/** Replaces each occurrence of each key in `text` with its masked form. */
export function maskKeysIn(text: string, keys: Iterable<string>): string {
  let out = text;
  for (const key of keys) {
    if (key.length >= 6) {
      out = out.split(key).join(maskKey(key));
    }
  }
  return out;
}
