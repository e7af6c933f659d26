// Reading a large JSON answer without freezing the extension host: `JSON.parse` and a zod check of a
// 32 MB catalog page each hold the event loop for hundreds of milliseconds (measured: 235 ms and 353 ms
// on 41,884 API definitions). Above INCREMENTAL_FROM_BYTES the body is parsed piece by piece with
// @streamparser/json, and the large arrays of the answer are checked item by item, giving the event loop
// back every SLICE_MS (src/domain/slicer.ts). Smaller answers take the direct path, which is faster. Above the bound the body is
// never joined into one string either (joining and decoding 32 MB alone takes ~40 ms).
import { JSONParser } from '@streamparser/json';
import type * as z from 'zod/mini';
import type { $ZodArrayDef, $ZodCatchDef, $ZodNullableDef, $ZodObjectDef, $ZodOptionalDef, $ZodTypeDef } from 'zod/v4/core';
import { CancelledError, Slicer } from '../domain/slicer';
import type { Schema } from './schemas';

// The Slicer is shared with the workspace key scan (src/domain/slicer.ts); re-exported for the client.
export { CancelledError, SLICE_MS, Slicer } from '../domain/slicer';

/** Answers shorter than this are parsed at once: a few ms. */
export const INCREMENTAL_FROM_BYTES = 1024 * 1024;
/** Bytes handed to the parser at once: ~2 ms of work. */
const PIECE_BYTES = 64 * 1024;
/** An array with more items than this is checked item by item, out of the whole-answer check. */
const LARGE_ARRAY = 256;

export class JsonSyntaxError extends Error {}

export interface Issue {
  path: PropertyKey[];
  message: string;
}

export type Checked<T> = { success: true; data: T } | { success: false; issue: Issue };

/** The text of a body read in chunks (its first `maxBytes` bytes), without a leading byte order mark. */
export function decodeText(chunks: readonly Buffer[], maxBytes = Infinity): string {
  const all = Buffer.concat(chunks);
  const text = all.subarray(0, Math.min(all.length, maxBytes)).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * `JSON.parse` of a body read in chunks, in slices when it is long. Throws JsonSyntaxError for a body that
 * is not one JSON value (as `JSON.parse` does; one difference: a number beyond the double range reads as
 * null, not Infinity). A long body is never joined into one string: the chunks go to the parser as they are.
 */
export async function parseJson(chunks: readonly Buffer[], slicer: Slicer): Promise<unknown> {
  const bytes = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  if (bytes < INCREMENTAL_FROM_BYTES) {
    try {
      return JSON.parse(decodeText(chunks)) as unknown;
    } catch (e) {
      throw new JsonSyntaxError(e instanceof Error ? e.message : String(e));
    }
  }
  const parser = new JSONParser({ paths: ['$'] });
  let root: { value: unknown } | undefined;
  parser.onValue = ({ value, stack }) => {
    if (stack.length === 0) {
      root = { value };
    }
  };
  try {
    // The parser skips a leading byte order mark itself, as decodeText does for the direct path.
    for (const chunk of chunks) {
      for (let at = 0; at < chunk.length; at += PIECE_BYTES) {
        parser.write(chunk.subarray(at, at + PIECE_BYTES));
        await slicer.tick();
      }
    }
    if (!parser.isEnded) {
      parser.end();
    }
  } catch (e) {
    if (e instanceof CancelledError) {
      throw e;
    }
    throw new JsonSyntaxError(e instanceof Error ? e.message : String(e));
  }
  if (!root) {
    throw new JsonSyntaxError('no JSON value');
  }
  return root.value;
}

/**
 * `schema.safeParse(value)`, without holding the event loop over a large array: each array of more than
 * LARGE_ARRAY items reached through objects (`{apis: [...]}`, `{data: {keys: [...]}}`, a bare `[...]`, the
 * `tags` of one definition) is checked item by item (each item the same way); the rest at once. Under a
 * `z.catch`, a failing item gives the field the fallback, as `safeParse` would (the fallbacks in schemas.ts are
 * constants: `catchValue` is called for an input that fails).
 */
export async function checkJson<T>(schema: Schema<T>, value: unknown, slicer: Slicer): Promise<Checked<T>> {
  const large: LargeArray[] = [];
  const rest = setAside(schema, value, [], large, undefined);
  const head = schema.safeParse(rest);
  if (!head.success) {
    return { success: false, issue: firstIssue(head.error.issues) };
  }
  let data: unknown = head.data;
  for (const array of large) {
    const checked: unknown[] = [];
    let failed: Issue | undefined;
    for (let i = 0; i < array.items.length && !failed; i++) {
      const item = await checkJson(array.element, array.items[i], slicer);
      if (item.success) {
        checked.push(item.data);
      } else {
        failed = { path: [...array.path, i, ...item.issue.path], message: item.issue.message };
      }
      await slicer.tick();
    }
    if (!failed) {
      data = graft(data, array.path, checked);
    } else if (array.fallback) {
      data = graft(data, array.fallback.path, array.fallback.schema.safeParse(FAILS).data);
    } else {
      return { success: false, issue: failed };
    }
  }
  return { success: true, data: data as T };
}

/** `items.map(f)`, giving the event loop back every SLICE_MS (mapping 700,000 small definitions takes seconds). */
export async function mapInSlices<T, U>(items: readonly T[], f: (item: T) => U, signal?: AbortSignal): Promise<U[]> {
  const slicer = new Slicer(signal);
  const out: U[] = [];
  for (const item of items) {
    out.push(f(item));
    await slicer.tick();
  }
  return out;
}

interface LargeArray {
  path: PropertyKey[];
  element: z.ZodMiniType;
  items: readonly unknown[];
  /** The nearest `z.catch` around the array: where its fallback goes when an item fails. */
  fallback: { path: PropertyKey[]; schema: z.ZodMiniType } | undefined;
}

/** An input every `z.catch` in schemas.ts rejects, to read its (constant) fallback. */
const FAILS = Symbol('not JSON');

/** `value` with its large arrays replaced by [] (copying only the objects on their way), recorded in `large`. */
function setAside(schema: z.ZodMiniType, value: unknown, path: PropertyKey[], large: LargeArray[], fallback: LargeArray['fallback']): unknown {
  // optional, nullable and catch accept an array or an object as their inner schema does.
  let s = schema;
  for (let def: $ZodTypeDef = s._zod.def; def.type === 'optional' || def.type === 'nullable' || def.type === 'catch'; def = s._zod.def) {
    if (def.type === 'catch') {
      fallback = { path, schema: s };
    }
    s = (def as $ZodOptionalDef | $ZodNullableDef | $ZodCatchDef).innerType as z.ZodMiniType;
  }
  const def: $ZodTypeDef = s._zod.def;
  if (def.type === 'array' && (def.checks ?? []).length === 0 && Array.isArray(value) && value.length > LARGE_ARRAY) {
    large.push({ path, element: (def as $ZodArrayDef).element as z.ZodMiniType, items: value, fallback });
    return [];
  }
  if (def.type === 'object' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const shape = (def as $ZodObjectDef).shape as Record<string, z.ZodMiniType>;
    const source = value as Record<string, unknown>;
    let copy: Record<string, unknown> | undefined;
    for (const key of Object.keys(shape)) {
      const field = shape[key];
      if (field === undefined || !Object.prototype.hasOwnProperty.call(source, key)) {
        continue;
      }
      const inner = setAside(field, source[key], [...path, key], large, fallback);
      if (inner !== source[key]) {
        copy ??= { ...source };
        copy[key] = inner;
      }
    }
    return copy ?? value;
  }
  return value;
}

/**
 * Puts `value` at `path` in the checked data (the objects the path went through, as zod rebuilt them). Where
 * the path no longer leads through objects, a `z.catch` above it gave its fallback: nothing to put.
 */
function graft(data: unknown, path: PropertyKey[], value: unknown): unknown {
  if (path.length === 0) {
    return value;
  }
  if (typeof data !== 'object' || data === null) {
    return data;
  }
  const [key, ...rest] = path;
  const parent = data as Record<string, unknown>;
  parent[key as string] = graft(parent[key as string], rest, value);
  return parent;
}

/** zod reports at least one issue for a failure. */
function firstIssue(issues: readonly { path: PropertyKey[]; message: string }[]): Issue {
  const issue = issues[0];
  return { path: issue?.path ?? [], message: issue?.message ?? 'invalid' };
}
