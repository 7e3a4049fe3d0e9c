/**
 * Where a keystroke's time goes in the customer search, on the demo shop in real Chromium: for each
 * timed keystroke, the phases inside the page (input event -> fetch sent -> answer received -> rows in
 * the DOM -> frame start -> frame end), and from a Chromium trace the main thread's time by kind.
 * A diagnosis tool: `node test/bench/keyProfile.ts` (after npm run build:renderer).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBrowser, startShell } from '../e2e/harness.ts';

const SEARCH_LABEL = '姓名 / 电话 / 拼音首字母（/ 或 F3）';
const QUERIES = (process.env.KEY_QUERIES ?? 'w,l,z,c,zh,wf,li,13,wang,1,8,x,y,h,g').split(',');

interface Phase {
  q: string;
  input: number;
  handlerEnd: number;
  fetchStart: number;
  fetchEnd: number;
  jsonEnd: number;
  dom: number;
  raf: number;
  end: number;
  rows: number;
}

function instrument() {
  const w = window as unknown as { __kp: Phase[]; __cur: Partial<Phase> | null };
  w.__kp = [];
  w.__cur = null;
  const origFetch = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const cur = w.__cur;
    const mine = cur && url.includes('customers.search') && cur.fetchStart === undefined;
    if (mine) cur.fetchStart = performance.now();
    const response = await origFetch(input, init);
    if (mine) {
      cur.fetchEnd = performance.now();
      const json = response.json.bind(response);
      response.json = async () => {
        const value: unknown = await json();
        cur.jsonEnd = performance.now();
        return value;
      };
    }
    return response;
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (event: MessageEvent) => {
        const cur = w.__cur;
        if (cur && cur.fetchStart !== undefined && cur.fetchEnd === undefined && String(event.data).includes('"items"'))
          cur.fetchEnd = cur.jsonEnd = performance.now();
      });
    }
    override send(data: string) {
      const cur = w.__cur;
      if (cur && data.includes('customers.search') && cur.fetchStart === undefined) cur.fetchStart = performance.now();
      super.send(data);
    }
  };
  document.addEventListener(
    'input',
    (event) => {
      w.__cur = { input: event.timeStamp };
      performance.mark('kp-input');
      setTimeout(() => {}, 0);
      queueMicrotask(() => {
        if (w.__cur) w.__cur.handlerEnd = performance.now();
      });
    },
    true,
  );
  new MutationObserver(() => {
    const cur = w.__cur;
    if (!cur || cur.jsonEnd === undefined || cur.dom !== undefined) return;
    cur.dom = performance.now();
    cur.rows = document.querySelectorAll('[role="option"][data-customer-id]').length;
    requestAnimationFrame(() => {
      cur.raf = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        cur.end = performance.now();
        performance.mark('kp-end');
        w.__kp.push(cur as Phase);
        w.__cur = null;
      };
      channel.port2.postMessage(null);
    });
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
}

/** Counts, per component name, the fibers each React commit during a keystroke rendered (props or state new). */
function countRenders() {
  const w = window as unknown as { __cur: unknown; __renders: Record<string, number>; __commits: number };
  w.__renders = {};
  w.__commits = 0;
  type Fiber = { type: unknown; child: Fiber | null; sibling: Fiber | null; alternate: Fiber | null; flags: number; tag: number };
  const nameOf = (f: Fiber): string => {
    const t = f.type as { displayName?: string; name?: string; render?: { displayName?: string; name?: string }; type?: { name?: string } } | string | null;
    if (typeof t === 'string') return `<${t}>`;
    if (!t) return `#${f.tag}`;
    return t.displayName || t.name || t.render?.displayName || t.render?.name || t.type?.name || `#${f.tag}`;
  };
  (window as unknown as Record<string, unknown>).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject: () => 1,
    checkDCE: () => {},
    onScheduleFiberRoot: () => {},
    onCommitFiberUnmount: () => {},
    onPostCommitFiberRoot: () => {},
    onCommitFiberRoot: (_id: number, root: { current: Fiber }) => {
      if (!w.__cur) return;
      w.__commits++;
      const names: string[] = [];
      // As React DevTools tells a render: a component with PerformedWork; a subtree whose child is the
      // same as its alternate's was not visited this commit.
      const visit = (f: Fiber) => {
        const a = f.alternate;
        if ([0, 1, 11, 14, 15].includes(f.tag) && (!a || (f.flags & 1) === 1)) {
          const n = nameOf(f);
          w.__renders[n] = (w.__renders[n] ?? 0) + 1;
          if (names.length < 6 && f.tag !== 14) {
            let path = n;
            let up = (f as unknown as { return: Fiber | null }).return;
            for (let i = 0; i < 8 && up; i++, up = (up as unknown as { return: Fiber | null }).return)
              if (typeof up.type !== 'string') path = `${nameOf(up)}>${path}`;
            names.push(n.startsWith('#') ? `${path}[${Object.keys((f as unknown as { memoizedProps: object }).memoizedProps ?? {}).join('|')}]` : n);
          }
        }
        if (a && a.child === f.child) return;
        for (let c = f.child; c; c = c.sibling) visit(c);
      };
      visit(root.current);
      const log = ((window as unknown as { __commitLog?: string[] }).__commitLog ??= []);
      if (log.length < 40) log.push(`${performance.now().toFixed(1)} ${names.join(',')}`);
    },
  };
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'huitou-keyprofile-'));
  const shell = await startShell(dataDir);
  const session = await openBrowser('zh-CN');
  try {
    const { page } = session;
    await page.addInitScript(instrument);
    if (process.env.KEY_FIBERS === '1') await page.addInitScript(countRenders);
    await page.goto(shell.url);
    await page.getByRole('button', { name: /打开示范店铺/ }).click();
    // As in the UI bench: typing comes after a reload, not under the demo's toast (its timer draws every frame).
    await page.getByRole('menuitem', { name: /今日/ }).waitFor();
    await page.reload();
    await page.getByRole('menuitem', { name: /客户/ }).click();
    const box = page.getByLabel(SEARCH_LABEL);
    await box.waitFor();
    await page.waitForTimeout(1000);
    await page.screenshot({ path: 'test-artifacts/keyprofile-start.png' });
    console.log('toasts shown:', await page.locator('.ant-notification-notice, .ant-message-notice').allInnerTexts());
    const cdp = await page.context().newCDPSession(page);
    const events: { name: string; ph: string; ts: number; dur?: number; tid: number; pid: number; args?: Record<string, unknown>; cat: string }[] = [];
    cdp.on('Tracing.dataCollected', (data) => events.push(...(data.value as unknown as typeof events)));
    const traced = process.env.KEY_TRACE !== '0';
    if (traced)
      await cdp.send('Tracing.start', {
        categories: 'devtools.timeline,blink.user_timing,disabled-by-default-devtools.timeline,v8.execute',
        transferMode: 'ReportEvents',
      });
    const cpu = process.env.KEY_CPU === '1';
    if (cpu) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    for (let round = 0; round < Number(process.env.KEY_ROUNDS ?? 2); round++)
      for (const q of QUERIES) {
        await box.fill('');
        await page.waitForTimeout(250);
        for (const ch of q) {
          await box.pressSequentially(ch);
          await page.waitForTimeout(250);
        }
      }
    if (cpu) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync('test-artifacts/keyprofile.cpuprofile', JSON.stringify(profile));
    }
    if (traced) {
      const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await done;
      writeFileSync('test-artifacts/keyprofile-trace.json', JSON.stringify({ traceEvents: events }));
    }
    const phases = (await page.evaluate(() => (window as unknown as { __kp: Phase[] }).__kp)).filter((p) => p.fetchStart !== undefined);
    const rel = (p: Phase) => ({
      handler: p.handlerEnd - p.input,
      toFetch: p.fetchStart - p.input,
      fetch: p.fetchEnd - p.fetchStart,
      json: p.jsonEnd - p.fetchEnd,
      render: p.dom - p.jsonEnd,
      toRaf: p.raf - p.dom,
      frame: p.end - p.raf,
      total: p.end - p.input,
      rows: p.rows,
    });
    const rows = phases.map(rel);
    const keys = Object.keys(rows[0]!) as (keyof ReturnType<typeof rel>)[];
    const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
    console.log(`n=${rows.length}`);
    for (const k of keys) {
      const xs = rows.map((r) => r[k]);
      console.log(
        `${k.padEnd(8)} p50 ${pct(xs, 0.5).toFixed(1).padStart(6)}  p90 ${pct(xs, 0.9).toFixed(1).padStart(6)}  max ${Math.max(...xs)
          .toFixed(1)
          .padStart(6)}`,
      );
    }
    if (process.env.KEY_FIBERS === '1') {
      const { renders, commits } = await page.evaluate(() => {
        const w = window as unknown as { __renders: Record<string, number>; __commits: number };
        return { renders: w.__renders, commits: w.__commits };
      });
      console.log((await page.evaluate(() => (window as unknown as { __commitLog?: string[] }).__commitLog ?? [])).join('\n'));
      console.log(`commits per keystroke ${(commits / rows.length).toFixed(2)}; fibers rendered per keystroke, by component:`);
      for (const [name, count] of Object.entries(renders)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 60))
        console.log(`  ${(count / rows.length).toFixed(1).padStart(6)}  ${name}`);
    }
    if (process.env.KEY_ALL)
      for (const r of rows)
        console.log(
          Object.values(r)
            .map((v) => v.toFixed(1))
            .join('\t'),
        );
    if (traced) summarizeTrace(events);
  } finally {
    await session.close();
    await shell.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Main-thread time by event name between each kp-input mark and the following kp-end mark. */
function summarizeTrace(
  events: { name: string; ph: string; ts: number; dur?: number; tid: number; pid: number; cat: string; args?: Record<string, unknown> }[],
) {
  const threadNames = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, String((e.args as { name: string }).name));
  const marks = events.filter((e) => e.name === 'kp-input' || e.name === 'kp-end').sort((a, b) => a.ts - b.ts);
  const main = marks[0] ? `${marks[0].pid}:${marks[0].tid}` : '';
  const windows: [number, number][] = [];
  let open: number | null = null;
  for (const m of marks) {
    if (m.name === 'kp-input') open = m.ts;
    else if (open !== null) {
      windows.push([open, m.ts]);
      open = null;
    }
  }
  const totals = new Map<string, number>();
  const top = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main && e.dur);
  for (const [a, b] of windows)
    for (const e of top) {
      if (e.ts + e.dur! < a || e.ts > b) continue;
      const overlap = Math.min(b, e.ts + e.dur!) - Math.max(a, e.ts);
      totals.set(e.name, (totals.get(e.name) ?? 0) + overlap);
    }
  console.log(`trace: ${windows.length} keystrokes, main thread ${threadNames.get(main)}; mean ms per keystroke by event (nested events overlap):`);
  for (const [name, us] of [...totals].sort((x, y) => y[1] - x[1]).slice(0, 30))
    console.log(`  ${(us / 1000 / windows.length).toFixed(2).padStart(7)}  ${name}`);
}

await main();
