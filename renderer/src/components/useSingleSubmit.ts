import { useCallback, useRef, useState } from 'react';

/**
 * One submission at a time: Enter pressed twice, or Enter then a click on OK, must not record a payment
 * or a sale twice. `run` ignores calls while one is under way; `busy` drives the OK button's spinner.
 */
export function useSingleSubmit(submit: () => Promise<void>): { run: () => void; busy: boolean } {
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const run = useCallback(() => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    void submit()
      .catch(() => undefined) // form validation errors are shown on the fields
      .finally(() => {
        running.current = false;
        setBusy(false);
      });
  }, [submit]);
  return { run, busy };
}
