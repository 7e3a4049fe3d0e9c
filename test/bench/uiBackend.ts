/**
 * The UI bench's view of the backend: the host process's memory (RSS, sampled from /proc), and the
 * floor, the backend's own time for the calls a screen made (replayed through dispatch in this process).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { openBackend } from '../../electron/backend/backend.ts';

/** The backend host serving `dataDir` (a child of the browser shell), by its command line. */
export function findHostPid(dataDir: string): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.some((a) => a.endsWith('hostProcess.ts') || a.endsWith('backend.cjs')) && args.includes(dataDir)) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

function rssMb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** RSS of `pid` every `everyMs`, and the peak over windows the bench names. */
export function sampleRss(pid: number, everyMs = 50) {
  const samples: { at: number; mb: number }[] = [];
  const take = () => {
    const mb = rssMb(pid);
    if (mb !== null) samples.push({ at: performance.now(), mb });
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    now(): number {
      take();
      return samples.at(-1)?.mb ?? Number.NaN;
    },
    mark: () => performance.now(),
    peakSince(from: number): number {
      take();
      return Math.max(...samples.filter((s) => s.at >= from).map((s) => s.mb));
    },
    stop: () => clearInterval(timer),
  };
}

/** A backend call the page made: its name and its input, as sent. */
export interface Call {
  name: string;
  input: unknown;
}

const callKey = (call: Call) => `${call.name} ${JSON.stringify(call.input)}`;

/**
 * The backend's own time for each distinct call (the median of `runs` after one warm-up), through the
 * real dispatch on the same book, opened in this process after the shell has closed it.
 */
export function timeCalls(dataDir: string, calls: readonly Call[], now: (() => Date) | undefined, runs = 5): Map<string, number> {
  const backend = openBackend({ dataDir, ...(now ? { now } : {}) });
  const times = new Map<string, number>();
  try {
    for (const call of calls) {
      const key = callKey(call);
      if (times.has(key)) continue;
      const samples: number[] = [];
      for (let i = 0; i <= runs; i++) {
        const started = performance.now();
        backend.dispatch(call.name, call.input);
        if (i > 0) samples.push(performance.now() - started);
      }
      samples.sort((a, b) => a - b);
      times.set(key, samples[Math.floor(samples.length / 2)]!);
    }
  } finally {
    backend.close();
  }
  return times;
}

/** The floor of one measured interaction: the backend's time for every call it made, one after another. */
export function floorOf(calls: readonly Call[], times: ReadonlyMap<string, number>): number {
  return calls.reduce((sum, call) => sum + (times.get(callKey(call)) ?? 0), 0);
}
