import { isTykError } from './errors';

/** Pages fetched at once when loading a whole catalog. */
export const PAGE_CONCURRENCY = 6;

/** At most this many requests make one load (a whole catalog, all policies): 10,000 APIs at Tyk's 10 a page. */
export const MAX_LOAD_REQUESTS = 1_000;
/** At most this many bytes of answers are held by one load. */
export const MAX_LOAD_BYTES = 256 * 1024 * 1024;

/** At most this many pages are ever asked for. */
export const MAX_PAGES = MAX_LOAD_REQUESTS;

/** The bounds of one load (tests make them small). */
export interface LoadLimits {
  maxRequests: number;
  maxBytes: number;
}

export const DEFAULT_LOAD_LIMITS: LoadLimits = { maxRequests: MAX_LOAD_REQUESTS, maxBytes: MAX_LOAD_BYTES };

/** Told to the caller of a load that stopped before the end: what was shown, and why it stopped. */
export interface LoadTruncated {
  /** Items kept (and shown). */
  shown: number;
  /** Pages the server said it has. */
  pages: number;
  /** Requests made by the load. */
  requests: number;
  /** Bytes of answers read by the load. */
  bytes: number;
  /** Why: the request bound, the byte bound, or a page count beyond MAX_PAGES. */
  reason: 'requests' | 'bytes';
  /** For the user, in their language: what is shown and why the rest is not. */
  message: string;
}

/**
 * The budget of one load: at most `maxRequests` requests, and at most `maxBytes` bytes held, counting
 * both the answers read and the most each answer under way may still bring (each is granted a bound
 * it is read with). When the budget is spent, the load stops and says so: it never fails for it.
 */
export class LoadBudget {
  requests = 0;
  bytes = 0;
  private reserved = 0;
  private largest = 0;
  /** Set once the load had to stop. */
  stopped: 'requests' | 'bytes' | undefined;

  constructor(readonly limits: LoadLimits = DEFAULT_LOAD_LIMITS) {}

  /**
   * Room for one more request whose answer may be up to `cap` bytes, `parallel` of them at once: the
   * bound to read it with, or undefined when the load must stop here.
   */
  start(cap: number, parallel = 1): number | undefined {
    if (this.stopped) {
      return undefined;
    }
    if (this.requests >= this.limits.maxRequests) {
      this.stopped = 'requests';
      return undefined;
    }
    const room = this.limits.maxBytes - this.bytes - this.reserved;
    const granted = Math.min(cap, Math.floor(room / Math.max(1, parallel)));
    // Not even room for an answer as large as one already read: stop rather than fail.
    if (granted <= 0 || granted < this.largest) {
      this.stopped = 'bytes';
      return undefined;
    }
    this.requests++;
    this.reserved += granted;
    return granted;
  }

  /** A request granted `granted` bytes is over; its answer had `bytes`. */
  finish(granted: number, bytes: number): void {
    this.reserved -= granted;
    this.bytes += bytes;
    this.largest = Math.max(this.largest, bytes);
  }

  stop(reason: 'requests' | 'bytes'): void {
    this.stopped ??= reason;
  }
}

/**
 * One request of a load, within its budget: `request` is given the most bytes its answer may have and a
 * callback for the size it had. Resolves undefined when the budget is spent (the load stops there), also
 * when the answer was larger than a bound the budget (not the connection) set.
 */
export async function withinBudget<T>(
  budget: LoadBudget,
  cap: number,
  parallel: number,
  request: (maxBytes: number, onBodySize: (bytes: number) => void) => Promise<T>,
): Promise<T | undefined> {
  const granted = budget.start(cap, parallel);
  if (granted === undefined) {
    return undefined;
  }
  let bytes = 0;
  try {
    return await request(granted, (n) => (bytes = n));
  } catch (e) {
    if (granted < cap && isTykError(e) && e.code === 'TOO_LARGE') {
      budget.stop('bytes');
      return undefined;
    }
    throw e;
  } finally {
    budget.finish(granted, bytes);
  }
}

/** A page count as a server sent it, made safe to loop over: a whole number from 1 to MAX_PAGES. */
export function pageCount(raw: number | null | undefined): number {
  return typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 1 ? Math.min(raw, MAX_PAGES) : 1;
}

/**
 * Runs `task` for every item with at most `limit` running at once; results keep the input order.
 * After the first failure no new task starts, and that failure is what the promise rejects with.
 */
export async function mapLimit<I, O>(
  items: readonly I[],
  limit: number,
  task: (item: I) => Promise<O>,
  /** Stops starting new tasks once a result says there is nothing more (e.g. an empty page). */
  isLast?: (result: O) => boolean,
): Promise<O[]> {
  const results = new Array<O>(items.length);
  let next = 0;
  let stopped = false;
  async function worker(): Promise<void> {
    while (!stopped && next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index]);
        if (isLast?.(results[index])) {
          stopped = true;
        }
      } catch (e) {
        stopped = true;
        throw e;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, () => worker()));
  return results.filter((_, i) => i < next);
}

/** The page numbers after the first: 2..pages. */
export function remainingPages(pages: number): number[] {
  const out: number[] = [];
  for (let p = 2; p <= pageCount(pages); p++) {
    out.push(p);
  }
  return out;
}

/** The first item of each key, in order: pages fetched apart may overlap when the catalog changes meanwhile. */
export function uniqueBy<T>(items: readonly T[], key: (item: T) => string, seen: Set<string> = new Set()): T[] {
  return items.filter((item) => {
    const k = key(item);
    return seen.has(k) ? false : (seen.add(k), true);
  });
}
