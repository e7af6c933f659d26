// Long work on the extension host in slices: a Slicer gives the event loop back once the current slice
// has lasted SLICE_MS, so reading a large answer (src/tyk/jsonSlices.ts) or scanning a workspace for keys
// (keyScan.ts) never freezes the editor.

/** The longest the work holds the event loop before it yields. */
export const SLICE_MS = 8;

export class CancelledError extends Error {}

/** Gives the event loop back when the current slice has lasted SLICE_MS; throws CancelledError once `signal` aborts. */
export class Slicer {
  private sliceStart = performance.now();
  /** How many times the work yielded (for tests and the benchmark). */
  yields = 0;

  constructor(private readonly signal?: AbortSignal) {}

  async tick(): Promise<void> {
    if (performance.now() - this.sliceStart < SLICE_MS) {
      return;
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.yields++;
    this.sliceStart = performance.now();
    if (this.signal?.aborted) {
      throw new CancelledError('cancelled');
    }
  }
}
