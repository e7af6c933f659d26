// What bench.ts and its probes share (no `vscode` import: bench.ts runs in plain Node).

/** Our extension's id (publisher.name in package.json). */
export const OURS_ID = 'tyk-keys.tyk-keys';
/**
 * The empty extensions bench.ts generates and installs next to ours (the same empty extension twice):
 * measured just before and just after ours in the same window, so whatever the window is busy with
 * then weighs on both sides alike.
 */
export const EMPTY_IDS = ['tyk-keys-bench.bench-empty-a', 'tyk-keys-bench.bench-empty-b'] as const;
/**
 * A second empty extension, activated first in every window and not counted: the first activation in an
 * extension host pays a one-time cost (about 15 ms here) that would otherwise land on whichever of ours
 * and the empty one goes first.
 */
export const PRIMER_ID = 'tyk-keys-bench.bench-primer';
/** The activation probe's result line on the extension host log. */
export const ACTIVATION_RESULT_PREFIX = 'BENCH_ACTIVATION ';

export interface ActivationMeasurement {
  id: string;
  found: boolean;
  /** ext.isActive just before activate() was called: must be false for a valid measurement. */
  activeBefore: boolean;
  ms: number;
  error?: string;
}

export interface ActivationProbeResult {
  vscodeVersion: string;
  nodeVersion: string;
  /** In the order measured: empty-a, ours, empty-b. */
  measurements: ActivationMeasurement[];
  /** The primer's own activation (not counted). */
  primer: ActivationMeasurement;
  /** "Tyk Keys activated in … ms" from the extension's own log file, when found. */
  selfReportedMs?: number;
  selfReportedFrom?: string;
}

export interface HeapProbeResult {
  apis: number;
  /** heapUsed after gc, with the client created and warmed, before loading. */
  beforeBytes: number;
  /** heapUsed after gc, with only the TykApi[] (and the client) kept. */
  afterBytes: number;
  retainedBytes: number;
  /** external + arrayBuffers difference (Buffers held outside the V8 heap). */
  retainedExternalBytes: number;
  /** Largest heapUsed seen while pages arrived (not after gc). */
  peakDuringLoadBytes: number;
  loadMs: number;
}

/** The median of the finite values (NaN when there are none). */
export function median(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) {
    return NaN;
  }
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The longest the event loop was held while `work` ran, in ms (a 1 ms ticker's largest gap), and the most
 * CPU time this process used within one gap (`blockCpuMs`; all its threads, so an upper bound of its own
 * work there). On a machine whose other processes hold the cores, a gap also holds the time the OS ran
 * them: the CPU time tells the two apart.
 */
export async function longestBlock<T>(work: () => Promise<T>): Promise<{ result: T; blockMs: number; blockCpuMs: number; totalMs: number }> {
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let longest = 0;
  let longestCpu = 0;
  const gap = (): void => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    longest = Math.max(longest, now - last);
    longestCpu = Math.max(longestCpu, (cpu.user + cpu.system) / 1000);
    last = now;
    lastCpu = process.cpuUsage();
  };
  const ticker = setInterval(gap, 1);
  const started = performance.now();
  try {
    const result = await work();
    gap();
    return { result, blockMs: longest, blockCpuMs: longestCpu, totalMs: performance.now() - started };
  } finally {
    clearInterval(ticker);
  }
}

/** One row of the report's table. */
export interface Row {
  what: string;
  ours: string;
  baseline: string;
  value: string;
  target: string;
  /** undefined: not measured (error). */
  pass?: boolean;
  /** A row shown for context, with no target of the issue's: never counted as a miss. */
  informational?: boolean;
}
