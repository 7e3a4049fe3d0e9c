/**
 * What the shop feels while a long job runs: the longest the app's event loop stood still (late ticks of
 * a 10 ms timer: answers to the counter wait that long) and the most memory taken on top meanwhile
 * (peak RSS over the start, sampled by the same timer).
 */
export function watchEventLoop(): { stop(): { stallMs: number; extraMb: number } } {
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  let tick = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - tick - 10);
    tick = now;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      // The last tick may be up to 10 ms old: one more look at what it missed.
      stallMs = Math.max(stallMs, performance.now() - tick - 10);
      return { stallMs, extraMb: (peakRss - rssBefore) / 2 ** 20 };
    },
  };
}
