// Finding Tyk keys in a workspace's files ("Tyk: Find Keys in Workspace"), with no network and no secret
// kept: a key is recognised
//   - as one this extension created, by its SHA-256 fingerprint (services/knownKeys.ts keeps only that);
//   - or by Tyk's own formats, when its organisation is one of a connected Tyk's. Tyk makes a key in
//     TykTechnologies/tyk internal/crypto/token.go (formerly storage/storage.go), GenerateToken:
//       hashed keys: base64.StdEncoding of fmt.Sprintf(`{"org":"%s","id":"%s","h":"%s"}`, orgID, keyID, hashAlgorithm)
//       legacy keys: orgID + keyID, keyID = uuid.NewHex() (32 lowercase hex digits)
//     and reads the organisation back with TokenOrg (the JSON's "org", else the first 24 characters, a
//     Mongo id). tyk-demo's keys look like eyJvcmciOiI1ZTlkOTU0NGExZGNkNjAwMDFkMGVkMjAiLCJpZCI6…fQ==.
// The matching gives the event loop back (a Slicer) and is bounded: tokens longer than MAX_TOKEN are not
// hashed or decoded, files larger than MAX_FILE_BYTES or binary are skipped, and at most MAX_FILES are read.
import { createHash } from 'node:crypto';
import * as l10n from '@vscode/l10n';
import { plainText } from './displayText';
import { Slicer } from './slicer';

/** Files larger than this are skipped (generated bundles, data), as are binary files. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** At most this many files are read in one scan; the rest are counted as left out. */
export const MAX_FILES = 10_000;
/** The longest candidate hashed or decoded (Tyk's keys are 56–200 characters; custom ids a little more). */
export const MAX_TOKEN = 1024;
/** Shorter words are not hashed: no key Tyk makes is that short, and most words of code are. */
export const MIN_FINGERPRINT_TOKEN = 16;
/** How many bytes git looks at to call a file binary (a NUL among them): xdiff-interface.c buffer_is_binary. */
const BINARY_PROBE_BYTES = 8000;
/** `{"org"` in base64: how every key of Tyk's JSON form starts (GenerateToken formats the org first). */
const JSON_KEY_PREFIX = 'eyJvcmci';

/** A one-way fingerprint of a key: enough to recognise it, useless to call an API. */
export function fingerprint(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Whose a key is: the connection (its id and name) and, for keys created here, the alias. */
export interface KeyOwner {
  connectionId: string;
  connectionName: string;
  alias?: string;
}

/** What a scan recognises. No key in it: fingerprints and organisation ids only. */
export interface KeyIndex {
  /** SHA-256 fingerprint of each key created here → its owner. */
  created: ReadonlyMap<string, KeyOwner>;
  /** Organisation id of a connected Tyk → its connections. */
  orgs: ReadonlyMap<string, readonly KeyOwner[]>;
}

export type FoundKind = 'created' | 'legacy' | 'json';

/** A key found in a text: where (UTF-16 offsets, as VS Code counts), what kind, whose. Never the key. */
export interface FoundKey {
  start: number;
  end: number;
  kind: FoundKind;
  owners: readonly KeyOwner[];
}

/** An index from what is remembered: created keys' fingerprints, and the org ids of each connection. */
export function keyIndex(
  known: ReadonlyArray<{ connectionId: string; fingerprint: string; alias?: string }>,
  orgsByConnection: ReadonlyMap<string, readonly string[]>,
  nameOf: (connectionId: string) => string | undefined,
): KeyIndex {
  const created = new Map<string, KeyOwner>();
  for (const k of known) {
    const name = nameOf(k.connectionId);
    if (name !== undefined) {
      created.set(k.fingerprint, { connectionId: k.connectionId, connectionName: name, ...(k.alias ? { alias: k.alias } : {}) });
    }
  }
  const orgs = new Map<string, KeyOwner[]>();
  for (const [connectionId, ids] of orgsByConnection) {
    const name = nameOf(connectionId);
    if (name === undefined) {
      continue;
    }
    for (const org of ids) {
      if (org !== '') {
        orgs.set(org, [...(orgs.get(org) ?? []), { connectionId, connectionName: name }]);
      }
    }
  }
  return { created, orgs };
}

const WORD = /[A-Za-z0-9_\-.~]+/g;
const HEX32_AT_END = /[0-9a-f]{32}$/;
const BASE64_RUN = /eyJvcmci[A-Za-z0-9+/]*={0,2}/g;
const BASE64_BEFORE = /[A-Za-z0-9+]/;
/** Words matched between two looks at the clock. */
const WORDS_PER_TICK = 256;

/**
 * The Tyk keys in `text`, in order, none overlapping. Words of letters, digits and `_-.~` are compared by
 * fingerprint and read as legacy keys; runs starting `eyJvcmci` as Tyk's base64 JSON keys.
 */
export async function findKeys(text: string, index: KeyIndex, slicer = new Slicer()): Promise<FoundKey[]> {
  const found: FoundKey[] = [];
  const hashing = index.created.size > 0;
  if (hashing || index.orgs.size > 0) {
    const word = new RegExp(WORD.source, 'g');
    let count = 0;
    for (let m = word.exec(text); m; m = word.exec(text)) {
      const key = wordKey(m[0], m.index, index, hashing);
      if (key) {
        found.push(key);
      }
      if (++count % WORDS_PER_TICK === 0) {
        await slicer.tick();
      }
    }
  }
  if (text.includes(JSON_KEY_PREFIX)) {
    const run = new RegExp(BASE64_RUN.source, 'g');
    for (let m = run.exec(text); m; m = run.exec(text)) {
      const before = m.index > 0 ? text.charAt(m.index - 1) : '';
      const key = before !== '' && BASE64_BEFORE.test(before) ? undefined : jsonKey(m[0], m.index, index);
      if (key) {
        found.push(key);
      }
      await slicer.tick();
    }
  }
  return withoutOverlaps(found);
}

/** A word (trimmed of a sentence's dots) that is a created key or a legacy key of a connected organisation. */
function wordKey(raw: string, at: number, index: KeyIndex, hashing: boolean): FoundKey | undefined {
  const lead = raw.length - raw.replace(/^\.+/, '').length;
  const word = raw.slice(lead).replace(/\.+$/, '');
  if (word.length < MIN_FINGERPRINT_TOKEN || word.length > MAX_TOKEN) {
    return undefined;
  }
  const start = at + lead;
  // The word as a sentence ends it ("…key abc.") or as it stands (a custom key id may end with a dot).
  const candidates: Array<[number, string]> = hashing ? [[start, word], ...(word.length < raw.length ? [[at, raw] as [number, string]] : [])] : [];
  for (const [from, candidate] of candidates) {
    const owner = index.created.get(fingerprint(candidate));
    if (owner) {
      return { start: from, end: from + candidate.length, kind: 'created', owners: [owner] };
    }
  }
  if (word.length > 32 && HEX32_AT_END.test(word)) {
    const owners = index.orgs.get(word.slice(0, -32));
    if (owners) {
      return { start, end: start + word.length, kind: 'legacy', owners };
    }
  }
  return undefined;
}

/**
 * A run starting `eyJvcmci` that is, strictly, a key of Tyk's JSON form: created here, or of a connected
 * organisation. The key may end before the run does, where base64's own characters follow it (`KEY/path`,
 * `KEY=` unpadded): each end before a `+`, `/` or `=` is tried, longest first.
 */
function jsonKey(run: string, at: number, index: KeyIndex): FoundKey | undefined {
  for (let length = Math.min(run.length, MAX_TOKEN); length >= JSON_KEY_PREFIX.length; length--) {
    if (length < run.length && !'+/='.includes(run.charAt(length))) {
      continue;
    }
    const token = run.slice(0, length);
    const owner = index.created.size > 0 ? index.created.get(fingerprint(token)) : undefined;
    if (owner) {
      return { start: at, end: at + length, kind: 'created', owners: [owner] };
    }
    const owners = index.orgs.get(tokenOrg(token) ?? '');
    if (owners) {
      return { start: at, end: at + length, kind: 'json', owners };
    }
  }
  return undefined;
}

/**
 * The organisation of a key of Tyk's JSON form, read strictly (TokenOrg in Tyk's token.go, stricter): at
 * most MAX_TOKEN characters of canonical, padded standard base64, decoding to one JSON object whose
 * `org`, `id` and `h` are strings. Anything else: undefined.
 */
export function tokenOrg(token: string): string | undefined {
  if (token.length > MAX_TOKEN || token.length % 4 !== 0 || !token.startsWith(JSON_KEY_PREFIX)) {
    return undefined;
  }
  const bytes = Buffer.from(token, 'base64');
  if (bytes.toString('base64') !== token) {
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return undefined;
  }
  const { org, id, h } = value as Record<string, unknown>;
  return typeof org === 'string' && typeof id === 'string' && typeof h === 'string' && org !== '' ? org : undefined;
}

/** In order of start; of two overlapping, the one that starts first (at one start, the longer) stays. */
function withoutOverlaps(found: FoundKey[]): FoundKey[] {
  const sorted = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: FoundKey[] = [];
  for (const key of sorted) {
    const last = kept[kept.length - 1];
    if (!last || key.start >= last.end) {
      kept.push(key);
    }
  }
  return kept;
}

/** Where an offset is: line and character (UTF-16), lines broken by \n, \r\n or \r as VS Code does. */
export function positionsIn(text: string): (offset: number) => { line: number; character: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) {
      i++;
      starts.push(i + 1);
    } else if (c === 10 || c === 13) {
      starts.push(i + 1);
    }
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return { line: lo, character: offset - (starts[lo] ?? 0) };
  };
}

/** What a Problem says of a found key: its kind and whose it is, never its value. */
export function describeFound(key: FoundKey): string {
  const names = [...new Set(key.owners.map((o) => plainText(o.connectionName)))].join(', ');
  const alias = key.owners[0]?.alias;
  switch (key.kind) {
    case 'created':
      return alias
        ? l10n.t('Tyk key “{0}” of {1} in a file git would commit: move it to .env.', plainText(alias), names)
        : l10n.t('Tyk key created for {0} in a file git would commit: move it to .env.', names);
    case 'legacy':
      return l10n.t('Tyk key (legacy format) of the organisation of {0} in a file git would commit: move it to .env.', names);
    case 'json':
      return l10n.t('Tyk key (Tyk’s base64 JSON format) of the organisation of {0} in a file git would commit: move it to .env.', names);
  }
}

/** Where a scan reads files: the extension through VS Code's file system, the benchmark through node:fs. */
export interface ScanSource<F> {
  /** The file's size in bytes; undefined when it is not a readable file. */
  size(file: F): Promise<number | undefined>;
  read(file: F): Promise<Uint8Array>;
}

/** A found key with its line and characters (a key never spans lines). */
export interface LocatedKey extends FoundKey {
  line: number;
  startCharacter: number;
  endCharacter: number;
}

export interface ScanResult<F> {
  found: Array<{ file: F; keys: LocatedKey[] }>;
  scanned: number;
  tooLarge: number;
  binary: number;
  unreadable: number;
  /** Files not read because MAX_FILES were. */
  leftOut: number;
}

/** Files read ahead while the current one is matched. */
const READ_AHEAD = 8;

/**
 * Reads `files` (at most `maxFiles`, READ_AHEAD at a time) and finds the keys in each text file, giving the
 * event loop back every few ms. Throws CancelledError once `signal` aborts. `onFile` is told each file done.
 */
export async function scanFiles<F>(
  files: readonly F[],
  source: ScanSource<F>,
  index: KeyIndex,
  options: { signal?: AbortSignal; maxFiles?: number; onFile?: (done: number, total: number) => void } = {},
): Promise<ScanResult<F>> {
  const slicer = new Slicer(options.signal);
  const total = Math.min(files.length, options.maxFiles ?? MAX_FILES);
  const result: ScanResult<F> = { found: [], scanned: 0, tooLarge: 0, binary: 0, unreadable: 0, leftOut: files.length - total };
  const load = async (file: F): Promise<Uint8Array | 'tooLarge' | 'unreadable'> => {
    try {
      const size = await source.size(file);
      if (size === undefined) {
        return 'unreadable';
      }
      return size > MAX_FILE_BYTES ? 'tooLarge' : await source.read(file);
    } catch {
      return 'unreadable';
    }
  };
  const pending: Array<Promise<Uint8Array | 'tooLarge' | 'unreadable'>> = [];
  for (let i = 0; i < Math.min(READ_AHEAD, total); i++) {
    pending.push(load(files[i]));
  }
  const decoder = new TextDecoder('utf-8');
  for (let i = 0; i < total; i++) {
    const file = files[i];
    const content = await (pending.shift() as Promise<Uint8Array | 'tooLarge' | 'unreadable'>);
    if (i + READ_AHEAD < total) {
      pending.push(load(files[i + READ_AHEAD]));
    }
    if (content === 'tooLarge') {
      result.tooLarge++;
    } else if (content === 'unreadable') {
      result.unreadable++;
    } else if (content.length > MAX_FILE_BYTES) {
      result.tooLarge++;
    } else if (content.subarray(0, BINARY_PROBE_BYTES).includes(0)) {
      result.binary++;
    } else {
      const text = decoder.decode(content);
      await slicer.tick();
      const keys = await findKeys(text, index, slicer);
      if (keys.length > 0) {
        const at = positionsIn(text);
        result.found.push({ file, keys: keys.map((k) => ({ ...k, line: at(k.start).line, startCharacter: at(k.start).character, endCharacter: at(k.end).character })) });
      }
      result.scanned++;
    }
    options.onFile?.(i + 1, total);
    await slicer.tick();
  }
  return result;
}

/**
 * What replaces a found key on its line (`line`, the key at [start, end)) once it is in .env as a variable:
 * `reference` (envReference's, in the file's syntax) — in JS/TS, a string literal that is the key alone
 * becomes the reference (quotes and all), a key inside a string is joined to it (`"Bearer " + process.env.X
 * + ""`, in a template literal `${process.env.X}`); in a shell script, a key inside single quotes leaves
 * them for the variable to expand (`'…'"$X"'…'`). Elsewhere the reference takes the key's place.
 */
export function keyReplacement(line: string, start: number, end: number, language: 'js' | 'shell' | 'other', reference: string): { start: number; end: number; text: string } {
  if (language === 'shell') {
    const quotes = (line.slice(0, start).match(/'/g) ?? []).length;
    return { start, end, text: quotes % 2 === 1 ? `'"${reference}"'` : reference };
  }
  if (language === 'js') {
    const quote = openQuote(line.slice(0, start));
    if (quote !== undefined) {
      if (line.charAt(start - 1) === quote && line.charAt(end) === quote) {
        return { start: start - 1, end: end + 1, text: reference };
      }
      return { start, end, text: quote === '`' ? `\${${reference}}` : `${quote} + ${reference} + ${quote}` };
    }
  }
  return { start, end, text: reference };
}

/** The quote of the JS string literal open at the end of `before` (a line's text up to the key), if any. */
function openQuote(before: string): string | undefined {
  let open: string | undefined;
  for (let i = 0; i < before.length; i++) {
    const c = before.charAt(i);
    if (c === '\\') {
      i++;
    } else if (open === undefined && (c === '"' || c === "'" || c === '`')) {
      open = c;
    } else if (c === open) {
      open = undefined;
    }
  }
  return open;
}
