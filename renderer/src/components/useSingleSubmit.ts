import { useCallback, useRef, useState } from 'react';

/**
 * One submission at a time: Enter pressed twice, or Enter then a click on OK, must not record a payment,
 * a sale or a call twice. `run` ignores calls while one is under way (a ref, not state: two events in
 * one tick both see it) and stays the same function, so key listeners can hold it; `busy` drives the
 * OK button's spinner.
 */
export function useSingleSubmit(submit: () => Promise<void>): { run: () => void; busy: boolean } {
  const latest = useRef(submit);
  latest.current = submit;
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const run = useCallback(() => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    void latest
      .current()
      .catch(() => undefined) // form validation errors are shown on the fields
      .finally(() => {
        running.current = false;
        setBusy(false);
      });
  }, []);
  return { run, busy };
}
