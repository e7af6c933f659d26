// Keys are secrets too: logs and labels show only their ends.

/** `abcd…9f2e` for a long key; short values are hidden entirely but for their last two characters. */
export function maskKey(key: string): string {
  if (key.length >= 16) {
    return `${key.slice(0, 4)}…${key.slice(-4)}`;
  }
  if (key.length >= 6) {
    return `…${key.slice(-2)}`;
  }
  return '…';
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
