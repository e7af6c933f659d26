/** Pages fetched at once when loading a whole catalog. */
export const PAGE_CONCURRENCY = 6;

/**
 * Runs `task` for every item with at most `limit` running at once; results keep the input order.
 * After the first failure no new task starts, and that failure is what the promise rejects with.
 */
export async function mapLimit<I, O>(items: readonly I[], limit: number, task: (item: I) => Promise<O>): Promise<O[]> {
  const results = new Array<O>(items.length);
  let next = 0;
  let failed = false;
  async function worker(): Promise<void> {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index]);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, () => worker()));
  return results;
}

/** The page numbers after the first: 2..pages. */
export function remainingPages(pages: number): number[] {
  const out: number[] = [];
  for (let p = 2; p <= pages; p++) {
    out.push(p);
  }
  return out;
}
