/**
 * The UI bench's stopwatch inside the page (installed with addInitScript, so it runs in Chromium, not
 * here): from an event (the search box's input event, a click, or the navigation's start) to the end
 * of the first frame after the DOM shows what that event asked for. "The end of the frame" is a task
 * posted from a requestAnimationFrame callback: it runs once that frame was produced.
 *
 * What "shows" means is asked of the DOM, not of the app's state, so it holds whatever the screens
 * are made of: the search results are the options of a listbox carrying data-customer-id, in order;
 * a screen's rows are painted when an element whose own text is one of the expected household names
 * is visible (checkVisibility: a screen kept mounted but hidden does not count).
 */

/** What the page must show. `ids`: the first result rows, in order; `names`: any of them visible. */
export interface Expectation {
  ids?: number[];
  names?: string[];
}

/** The event the time is counted from. */
export type Trigger = 'input' | 'click' | 'navigation';

/** sessionStorage key: what the next page load must show, for the navigation stopwatch. */
export const NAV_KEY = 'huitou-ui-bench-nav';

export interface UiProbe {
  /** Starts watching; the time counts from the next `trigger` event (navigation: from time origin). */
  arm(trigger: Trigger, expect: Expectation): void;
  /** Milliseconds from the trigger to the end of the frame after the DOM met the expectation. */
  result(timeoutMs: number): Promise<number>;
}

declare global {
  interface Window {
    huitouUiBench?: UiProbe;
  }
}

/** Runs in the page: plain DOM, nothing imported (addInitScript sends this function's source). */
export function installProbe(navKey: string): void {
  let armed: { trigger: Trigger; expect: Expectation; start: number | null; done: (ms: number) => void } | null = null;
  let observer: MutationObserver | null = null;

  const idsShown = (ids: number[]) => {
    const options = document.querySelectorAll<HTMLElement>('[role="option"][data-customer-id]');
    const wanted = Math.min(ids.length, 6);
    if (options.length < wanted) return false;
    for (let i = 0; i < wanted; i++) if (Number(options[i]!.dataset.customerId) !== ids[i]) return false;
    return wanted > 0;
  };
  const namesShown = (names: string[]) => {
    const safe = names.filter((n) => !n.includes("'"));
    if (safe.length === 0) return false;
    const xpath = `//body//*[${safe.map((n) => `normalize-space(text())='${n}'`).join(' or ')}]`;
    const found = document.evaluate(xpath, document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
    for (let i = 0; i < found.snapshotLength; i++) {
      const element = found.snapshotItem(i) as Element;
      if (element.checkVisibility()) return true;
    }
    return false;
  };
  const met = (expect: Expectation) => (expect.ids ? idsShown(expect.ids) : expect.names ? namesShown(expect.names) : false);

  /** The end of the frame being made: a task posted from its animation frame callback. */
  const afterFrame = (then: () => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = then;
      channel.port2.postMessage(null);
    });

  const check = () => {
    const current = armed;
    if (!current || current.start === null || !met(current.expect)) return;
    observer?.disconnect();
    observer = null;
    armed = null;
    afterFrame(() => current.done(performance.now() - current.start!));
  };
  // Between mutations too: a style that reveals a kept screen changes no node the observer watches.
  const poll = () => {
    if (!armed) return;
    check();
    requestAnimationFrame(poll);
  };

  const onTrigger = (event: Event) => {
    if (!armed || armed.start !== null || event.type !== armed.trigger) return;
    // The input event's own time: a keystroke that waits behind a busy page counts the wait.
    armed.start = event.timeStamp;
    queueMicrotask(check);
  };
  document.addEventListener('input', onTrigger, true);
  document.addEventListener('click', onTrigger, true);

  /** The last measurement armed: result() still finds it once taken. */
  let measuring: { promise: Promise<number>; expect: Expectation } | null = null;
  const probe: UiProbe = {
    arm(trigger, expect) {
      let done!: (ms: number) => void;
      const promise = new Promise<number>((resolve) => (done = resolve));
      armed = { trigger, expect, start: trigger === 'navigation' ? 0 : null, done };
      measuring = { promise, expect };
      observer?.disconnect();
      observer = new MutationObserver(check);
      observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
      requestAnimationFrame(poll);
    },
    result(timeoutMs) {
      const current = measuring;
      if (!current) return Promise.reject(new Error('nothing armed'));
      return Promise.race([
        current.promise,
        new Promise<number>((_, reject) =>
          setTimeout(() => reject(new Error(`not shown within ${timeoutMs} ms: ${JSON.stringify(current.expect).slice(0, 200)}`)), timeoutMs),
        ),
      ]);
    },
  };
  window.huitouUiBench = probe;

  const nav = sessionStorage.getItem(navKey);
  if (nav) {
    sessionStorage.removeItem(navKey);
    probe.arm('navigation', JSON.parse(nav) as Expectation);
  }
}
