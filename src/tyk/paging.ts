/** Pages fetched at once when loading a whole catalog. */
export const PAGE_CONCURRENCY = 6;

/** At most this many pages are ever asked for (100,000 APIs at Tyk's 10 a page). */
export const MAX_PAGES = 10_000;

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
