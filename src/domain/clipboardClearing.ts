// How long a key the extension copied stays on the clipboard: the opt-in setting
// `tyk.clipboard.clearAfterSeconds`, checked by type (settings are edited by hand, synced or written by
// other extensions: `"30"`, a string, is not a number of seconds). Plain Node (zod), no `vscode`.
import * as z from 'zod/mini';

/** The setting's bounds, in seconds: 0 (never cleared, the default) to 10 minutes. */
export const MAX_CLEAR_AFTER_SECONDS = 600;

const Seconds = z.number();

/**
 * The setting's value as whole seconds within 0…600: 0 (never) for anything that is not a finite number;
 * a number out of bounds is brought within them (2000 → 600, -5 → 0), a fraction rounded up (0.5 → 1:
 * the user asked for clearing).
 */
export function clearAfterSeconds(value: unknown): number {
  const parsed = Seconds.safeParse(value);
  if (!parsed.success || !Number.isFinite(parsed.data)) {
    return 0;
  }
  return Math.min(MAX_CLEAR_AFTER_SECONDS, Math.max(0, Math.ceil(parsed.data)));
}

/**
 * Whether the clipboard is cleared now: only when it still holds what was copied. Anything else (the user
 * copied something since; a clipboard that reads as empty, as VS Code on the web's does without the
 * browser's permission) is left alone.
 */
export function shouldClear(copied: string, now: string): boolean {
  return copied !== '' && now === copied;
}
