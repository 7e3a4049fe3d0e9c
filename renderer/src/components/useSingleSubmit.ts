import { useCallback, useRef, useState } from 'react';

/**
 * One piece of work at a time: `run(work)` ignores calls while one is under way (a ref, not state: two
 * events in one tick both see it) and stays the same function, so key listeners can hold it; `busy`
 * drives a spinner. The work says its own errors.
 */
export function useOneAtATime(): { run: (work: () => Promise<unknown>) => void; busy: boolean } {
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const run = useCallback((work: () => Promise<unknown>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    void work().finally(() => {
      running.current = false;
      setBusy(false);
    });
  }, []);
  return { run, busy };
}

/**
 * One submission at a time: Enter pressed twice, or Enter then a click on OK, must not record a payment,
 * a sale or a call twice.
 */
export function useSingleSubmit(submit: () => Promise<void>): { run: () => void; busy: boolean } {
  const latest = useRef(submit);
  latest.current = submit;
  const { run: runOnce, busy } = useOneAtATime();
  // Form validation errors are shown on the fields.
  const run = useCallback(() => runOnce(() => latest.current().catch(() => undefined)), [runOnce]);
  return { run, busy };
}
