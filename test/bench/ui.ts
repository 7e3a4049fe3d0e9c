/**
 * `npm run bench:ui`: how fast the screens answer, measured inside the page in real Chromium through the
 * browser shell, on the demo shop and on the bench's big shop (test/bench/bigShop.ts, built once and
 * cached). A report, not a test: it exits 0 when a goal is missed, and says so.
 *
 * Each figure is timed in the page (uiProbe.ts): a keystroke's input event, a click, or the navigation's
 * start, to the end of the first frame after the DOM shows the answer. Beside it, the floor: the
 * backend's own time for the calls the page made meanwhile, replayed through dispatch in this process.
 * The backend host's memory (RSS) is sampled from /proc all along.
 *
 * Environment:
 *   UI_BENCH_ONLY     demo or big (default both)
 *   BENCH_CUSTOMERS   households in the big shop (default 100000; its sales: 20 each)
 *   BENCH_CACHE_DIR   where the big shop is cached (default test/bench/.cache, as npm run bench)
 *   UI_BENCH_ROUNDS   reloads and switches per screen (default 5)
 *   UI_BENCH_BACKEND  built (default: dist-electron/backend.cjs, as `npm run web` and the desktop app run
 *                     it) or sources (the TypeScript sources, as the e2e tests run it: ~40 MB more RSS)
 *   CHROMIUM_PATH     the browser (default /usr/bin/chromium)
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, Request } from 'playwright-core';
import { buildSearchKeys } from '../../shared/domain/searchKeys.ts';
import { CallListPage } from '../e2e/callListPage.ts';
import { openBrowser, startShell, type Session, type Shell } from '../e2e/harness.ts';
import { ensureBigShopApart, makeWorkingCopy } from './bigShop.ts';
import { envInt } from './context.ts';
import { findHostPid, floorOf, sampleRss, timeCalls, type Call } from './uiBackend.ts';
import { installProbe, NAV_KEY, type Expectation, type Trigger } from './uiProbe.ts';
import { formatMs, renderTable, summarize } from './stats.ts';

const END_DATE = '2026-11-22';
const MENU = { today: /今日/, customers: /客户/, collections: /收账/, products: /商品/ } as const;
const SEARCH_LABEL = '姓名 / 电话 / 拼音首字母（/ 或 F3）';
const TIMEOUT_MS = 30_000;

interface Sample {
  ms: number;
  calls: Call[];
  /** The backend's own time for `calls`, filled in once the shell is closed. */
  floorMs?: number;
}

interface Measured {
  id: string;
  label: string;
  goalMs: number | null;
  samples: Sample[];
}

interface ShopReport {
  shop: string;
  measured: Measured[];
  memory: { label: string; mb: number; goalMb: number }[];
  notes: string[];
}

const log = (message: string) => console.log(`[bench:ui] ${message}`);

/** The household names in an answer, in order: what a screen listing them shows first. */
function namesIn(value: unknown, into: string[] = []): string[] {
  if (into.length >= 12 || value === null || typeof value !== 'object') return into;
  if (Array.isArray(value)) for (const item of value) namesIn(item, into);
  else
    for (const [key, item] of Object.entries(value)) {
      if (key === 'name' && typeof item === 'string' && into.length < 12) into.push(item);
      else namesIn(item, into);
    }
  return into;
}

/** The page under test: its calls to the backend are recorded while an interaction is measured. */
class Driver {
  private recording: Call[] | null = null;
  private readonly inflight = new Set<Request>();
  /** Calls sent on the page's socket and not yet answered. */
  private socketCalls = 0;
  private lastBusy = performance.now();
  /** The last answer of every call, by name (the screens' expected rows come from them). */
  readonly answers = new Map<string, unknown>();
  readonly page: Page;
  private readonly calls: CallListPage;
  constructor(page: Page) {
    this.page = page;
    this.calls = new CallListPage(page);
    /** The page's own calls: not the bench's polling of a backup it started. */
    const callOf = (request: Request) => {
      const url = new URL(request.url());
      const name = url.pathname.startsWith('/api/') ? url.pathname.slice(5) : null;
      return name === null || name === 'data.backupStatus' ? null : name;
    };
    page.on('request', (request) => {
      const name = callOf(request);
      if (name === null) return;
      this.inflight.add(request);
      this.recording?.push({ name, input: JSON.parse(request.postData() ?? 'null') as unknown });
    });
    const done = (request: Request) => {
      if (!this.inflight.delete(request)) return;
      this.lastBusy = performance.now();
      const name = callOf(request)!;
      void request
        .response()
        .then((response) => response?.json())
        .then((envelope: { ok: boolean; data?: unknown } | undefined) => {
          if (envelope?.ok) this.answers.set(name, envelope.data);
        })
        .catch(() => {});
    };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    // The browser shell's socket carries most calls once it is open: a message {id, name, input} each.
    page.on('websocket', (socket) => {
      const open = new Map<number, string>();
      socket.on('framesent', ({ payload }) => {
        const { id, name, input } = JSON.parse(String(payload)) as { id: number; name: string; input: unknown };
        if (name === 'data.backupStatus') return;
        open.set(id, name);
        this.socketCalls++;
        this.recording?.push({ name, input });
      });
      socket.on('framereceived', ({ payload }) => {
        const { id, envelope } = JSON.parse(String(payload)) as { id: number; envelope: { ok: boolean; data?: unknown } };
        const name = open.get(id);
        if (name === undefined) return;
        open.delete(id);
        this.socketCalls--;
        this.lastBusy = performance.now();
        if (envelope.ok) this.answers.set(name, envelope.data);
      });
      socket.on('close', () => {
        this.socketCalls -= open.size;
        open.clear();
        this.lastBusy = performance.now();
      });
    });
  }

  /** Waits until no call has been under way for `quietMs`. */
  async settle(quietMs = 300) {
    const until = performance.now() + TIMEOUT_MS;
    while (this.inflight.size > 0 || this.socketCalls > 0 || performance.now() - this.lastBusy < quietMs) {
      if (performance.now() > until) throw new Error('the page kept calling the backend');
      await this.page.waitForTimeout(25);
    }
  }

  /** The page's last answer to `name` (read off the network, so it may land a little after the call). */
  async answer(name: string): Promise<unknown> {
    const until = performance.now() + TIMEOUT_MS;
    while (!this.answers.has(name)) {
      if (performance.now() > until) throw new Error(`the page never called ${name}`);
      await this.page.waitForTimeout(25);
    }
    return this.answers.get(name);
  }

  /** Calls the backend as the page does (its origin, its token). */
  api<T>(name: string, input: unknown): Promise<T> {
    return this.calls.api<T>(name, input);
  }

  /** Times `act` from its `trigger` event to the frame showing `expect`, with the calls it made. */
  async measure(trigger: Trigger, expect: Expectation, act: () => Promise<unknown>): Promise<Sample> {
    await this.page.evaluate(([t, e]) => window.huitouUiBench!.arm(t, e), [trigger, expect] as const);
    const calls: Call[] = [];
    this.recording = calls;
    try {
      await act();
      const ms = await this.page.evaluate((timeout) => window.huitouUiBench!.result(timeout), TIMEOUT_MS);
      return { ms, calls };
    } finally {
      this.recording = null;
    }
  }

  /** A full reload, timed from the navigation's start to the frame showing `expect`. */
  async reload(expect: Expectation): Promise<Sample> {
    await this.page.evaluate(([key, e]) => sessionStorage.setItem(key, JSON.stringify(e)), [NAV_KEY, expect] as const);
    const calls: Call[] = [];
    this.recording = calls;
    try {
      await this.page.reload();
      const ms = await this.page.evaluate((timeout) => window.huitouUiBench!.result(timeout), TIMEOUT_MS);
      return { ms, calls };
    } finally {
      this.recording = null;
    }
  }

  menu(name: RegExp) {
    return this.page.getByRole('menuitem', { name });
  }

  async goTo(name: RegExp) {
    await this.menu(name).click();
    await this.settle();
  }
}

interface SearchSummary {
  items: { id: number; name: string; phone: string | null }[];
}

/** What a household is searched by at the counter: its pinyin initials, its name, its phone's last digits. */
function queriesFor(household: { name: string; phone: string | null }): string[] {
  const queries = [buildSearchKeys(household.name).initials[0] ?? '', household.name];
  if (household.phone) queries.push(household.phone.replace(/\D/g, '').slice(-4));
  return queries.filter((q) => q.length > 0);
}

const top = (ids: number[]) => ids.slice(0, 6).join(',');

/**
 * Types each query a character at a time into the search box, timing each keystroke whose answer
 * changes what the list shows first (a keystroke that does not cannot be seen, so is not timed).
 * `keepGoing` is asked before each keystroke.
 */
async function typeQueries(driver: Driver, queries: string[], keepGoing: () => boolean = () => true): Promise<Sample[]> {
  const samples: Sample[] = [];
  const box = driver.page.getByLabel(SEARCH_LABEL);
  const idsOf = async (query: string) => (await driver.api<SearchSummary>('customers.search', { query, includeArchived: false })).items.map((c) => c.id);
  for (const query of queries) {
    if (!keepGoing()) break;
    if ((await box.inputValue()) !== '') {
      await driver.measure('input', { ids: await idsOf('') }, () => box.fill(''));
      await driver.settle();
    }
    let shown = top(await idsOf(''));
    for (let i = 1; i <= query.length && keepGoing(); i++) {
      const ids = await idsOf(query.slice(0, i));
      const char = query.slice(i - 1, i);
      if (ids.length === 0 || top(ids) === shown) {
        await box.pressSequentially(char);
        await driver.settle();
        continue;
      }
      samples.push(await driver.measure('input', { ids }, () => box.pressSequentially(char)));
      shown = top(ids);
      await driver.settle();
    }
  }
  return samples;
}

function newestAutoBackup(dataDir: string): string | null {
  const dir = join(dataDir, 'backups');
  if (!existsSync(dir)) return null;
  return readdirSync(dir).find((name) => /^auto-.*\.sqlite$/.test(name)) ?? null;
}

async function runShop(options: {
  shop: string;
  dataDir: string;
  env: Record<string, string>;
  demo: boolean;
  rounds: number;
  big: boolean;
}): Promise<ShopReport> {
  const { dataDir, rounds } = options;
  const report: ShopReport = { shop: options.shop, measured: [], memory: [], notes: [] };
  const add = (id: string, label: string, goalMs: number | null, samples: Sample[]) => report.measured.push({ id, label, goalMs, samples });
  const started = performance.now();
  let shell: Shell | null = null;
  let session: Session | null = null;
  const calls: Call[] = [];
  try {
    const sources = process.env.UI_BENCH_BACKEND === 'sources';
    shell = await startShell(dataDir, options.env, sources ? [] : ['--built']);
    report.notes.push(`backend host: ${sources ? 'the TypeScript sources' : 'the built bundle (dist-electron/backend.cjs)'}`);
    const pid = findHostPid(dataDir);
    if (pid === null) throw new Error('no backend host process found');
    const rss = sampleRss(pid);
    try {
      session = await openBrowser('zh-CN');
      const { page } = session;
      await page.addInitScript(installProbe, NAV_KEY);
      const driver = new Driver(page);
      await page.goto(shell.url);
      if (options.demo) {
        await page.getByRole('button', { name: /打开示范店铺/ }).click();
      }
      await driver.menu(MENU.today).waitFor({ timeout: 60_000 });
      await driver.settle();
      const todayNames = namesIn(await driver.answer('callList.list'));
      report.notes.push(`first screen shown ${formatMs(performance.now() - started)} after the shell started`);

      // The automatic backup a fresh folder gets at start: its memory, and when it ran.
      if (options.big) {
        const startMark = rss.mark();
        const until = performance.now() + 180_000;
        while (!newestAutoBackup(dataDir) && performance.now() < until) await page.waitForTimeout(100);
        const made = newestAutoBackup(dataDir);
        report.notes.push(made ? `start-up backup done ${formatMs(performance.now() - started)} after the shell started` : 'no start-up backup within 3 min');
        report.memory.push({ label: 'backend RSS peak from start to the start-up backup done', mb: rss.peakSince(0), goalMb: 200 });
        report.memory.push({ label: 'backend RSS peak while the start-up backup finished (after first screen)', mb: rss.peakSince(startMark), goalMb: 200 });
        await driver.settle();
      }

      await driver.goTo(MENU.collections);
      const collectionNames = namesIn(await driver.answer('credit.collections'));
      if (todayNames.length === 0 || collectionNames.length === 0)
        throw new Error(`no rows to wait for: today ${todayNames.length}, collections ${collectionNames.length}`);
      await driver.goTo(MENU.today);
      report.memory.push({ label: 'backend RSS at rest (Today shown)', mb: rss.now(), goalMb: 200 });

      log(`${options.shop}: reloads`);
      const reloads: Sample[] = [];
      for (let i = 0; i < rounds; i++) {
        reloads.push(await driver.reload({ names: todayNames }));
        await driver.settle();
      }
      add('today.reload', 'reload to Today rows painted', options.big ? 1000 : 500, reloads);

      log(`${options.shop}: switches`);
      const toToday: Sample[] = [];
      const toCollections: Sample[] = [];
      for (let i = 0; i < rounds; i++) {
        await driver.goTo(MENU.products);
        toToday.push(await driver.measure('click', { names: todayNames }, () => driver.menu(MENU.today).click()));
        await driver.settle();
        await driver.goTo(MENU.products);
        toCollections.push(await driver.measure('click', { names: collectionNames }, () => driver.menu(MENU.collections).click()));
        await driver.settle();
      }
      add('switch.today', 'click Today to rows painted', 200, toToday);
      add('switch.collections', 'click Collections to rows painted', 200, toCollections);

      log(`${options.shop}: typing`);
      await driver.goTo(MENU.customers);
      const households: { name: string; phone: string | null }[] = [];
      for (const name of [...new Set([...todayNames, ...collectionNames])].slice(0, 6)) {
        const found = (await driver.api<SearchSummary>('customers.search', { query: name, includeArchived: false })).items.find((c) => c.name === name);
        if (found) households.push(found);
      }
      const queries = households.flatMap(queriesFor);
      const keyGoal = options.big ? 50 : 33;
      add('type.search', 'keystroke to results painted', keyGoal, await typeQueries(driver, queries.slice(0, 9)));

      // A household open in the detail pane while the list changes under it.
      await driver.page.getByRole('option').first().click();
      await driver.page.locator('[role="option"][aria-selected="true"]').waitFor();
      await driver.settle();
      await driver.page.getByLabel(SEARCH_LABEL).click();
      add('type.open', 'the same, a household open', 50, await typeQueries(driver, queries.slice(9).concat(queries.slice(0, 3))));

      if (options.big) {
        log(`${options.shop}: typing while a backup runs`);
        const folder = mkdtempSync(join(tmpdir(), 'huitou-ui-bench-backup-'));
        const during: Sample[] = [];
        let peak = 0;
        try {
          for (let backup = 0; backup < 2 && during.length < 20; backup++) {
            const mark = rss.mark();
            const { jobId } = await driver.api<{ jobId: string }>('data.startBackup', { folder });
            let running = true;
            const watching = (async () => {
              while (running) {
                const status = await driver.api<{ state: string; error?: unknown }>('data.backupStatus', { jobId });
                if (status.state === 'failed') throw new Error(`the backup failed: ${JSON.stringify(status.error)}`);
                if (status.state !== 'running') running = false;
                else await page.waitForTimeout(100);
              }
            })().finally(() => (running = false));
            try {
              while (running) during.push(...(await typeQueries(driver, queries, () => running)));
            } finally {
              running = false;
              await watching;
            }
            peak = Math.max(peak, rss.peakSince(mark));
          }
        } finally {
          rmSync(folder, { recursive: true, force: true });
        }
        add('type.backup', 'the same, while a backup runs', 50, during);
        report.memory.push({ label: 'backend RSS peak during a backup (Back up now)', mb: peak, goalMb: 200 });
      }
      await driver.settle();
      report.memory.push({ label: 'backend RSS at the end', mb: rss.now(), goalMb: 200 });
      calls.push(...report.measured.flatMap((m) => m.samples.flatMap((s) => s.calls)));
    } catch (error) {
      // What was measured before a step failed is still printed (with the step's error), and the run fails;
      // the page as it stood is kept to look at.
      await session?.page.screenshot({ path: 'test-artifacts/bench-ui-stopped.png' }).catch(() => undefined);
      report.notes.push(`stopped early: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}`);
      calls.push(...report.measured.flatMap((m) => m.samples.flatMap((s) => s.calls)));
      process.exitCode = 1;
    } finally {
      rss.stop();
    }
  } finally {
    await session?.close();
    await shell?.stop();
  }
  log(`${options.shop}: the floor (the same calls through dispatch in this process)`);
  const pinned = options.env.HUITOU_NOW;
  const times = timeCalls(dataDir, calls, pinned ? () => new Date(pinned) : undefined);
  for (const m of report.measured) for (const s of m.samples) s.floorMs = floorOf(s.calls, times);
  report.notes.push(`measured in ${formatMs(performance.now() - started)}`);
  return report;
}

function render(report: ShopReport): string {
  const fmt = (ms: number) => formatMs(ms);
  const rows = report.measured.map((m) => {
    const stats = summarize(m.samples.map((s) => s.ms));
    const floor = summarize(m.samples.map((s) => s.floorMs ?? Number.NaN));
    const verdict = m.goalMs === null || stats.n === 0 ? 'info' : stats.p95 < m.goalMs ? 'PASS' : 'MISS';
    return [
      m.label,
      String(stats.n),
      fmt(stats.p50),
      fmt(stats.p95),
      fmt(stats.max),
      fmt(floor.p50),
      fmt(floor.p95),
      fmt(floor.max),
      m.goalMs ? `< ${fmt(m.goalMs)}` : '-',
      verdict,
    ];
  });
  const table = renderTable(
    ['in the page (Chromium)', 'n', 'p50', 'p95', 'max', 'backend p50', 'backend p95', 'backend max', 'goal p95', 'result'],
    rows,
    new Set([1, 2, 3, 4, 5, 6, 7, 8]),
  );
  const memory = renderTable(
    ['backend memory', 'RSS', 'goal', 'result'],
    report.memory.map((m) => [m.label, `${m.mb.toFixed(0)} MB`, `< ${m.goalMb} MB`, m.mb < m.goalMb ? 'PASS' : 'MISS']),
    new Set([1, 2]),
  );
  return [`== ${report.shop} ==`, table, '', memory, '', ...report.notes.map((n) => `  ${n}`)].join('\n');
}

async function main() {
  const only = process.env.UI_BENCH_ONLY;
  const rounds = envInt('UI_BENCH_ROUNDS', 5);
  const reports: ShopReport[] = [];
  if (!only || only === 'demo') {
    const dataDir = mkdtempSync(join(tmpdir(), 'huitou-ui-bench-demo-'));
    try {
      log('demo shop');
      reports.push(await runShop({ shop: 'demo shop', dataDir, env: {}, demo: true, rounds, big: false }));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if (!only || only === 'big') {
    const customers = envInt('BENCH_CUSTOMERS', 100_000);
    const cacheDir = process.env.BENCH_CACHE_DIR || fileURLToPath(new URL('./.cache/', import.meta.url));
    const shop = ensureBigShopApart({ customers, sales: customers * 20, seed: envInt('BENCH_SEED', 20261122), endDate: END_DATE, cacheDir, log });
    const work = makeWorkingCopy(shop, cacheDir);
    try {
      log(`big shop: ${shop.customers} households, ${shop.sales} sales`);
      reports.push(
        await runShop({
          shop: `big shop (${shop.customers} households)`,
          dataDir: work.dataDir,
          env: { HUITOU_NOW: `${END_DATE}T12:00:00` },
          demo: false,
          rounds,
          big: true,
        }),
      );
    } finally {
      work.dispose();
    }
  }
  console.log('');
  console.log('Huitou UI bench: in-page times from the event to the end of the frame showing the answer; backend = the same calls through dispatch alone.');
  for (const report of reports) console.log(`\n${render(report)}`);
  const json = reports.map((r) => ({
    shop: r.shop,
    memory: r.memory,
    measured: r.measured.map((m) => ({
      id: m.id,
      goalMs: m.goalMs,
      ...summarize(m.samples.map((s) => s.ms)),
      floor: summarize(m.samples.map((s) => s.floorMs ?? Number.NaN)),
    })),
  }));
  console.log(`\nUI_BENCH_JSON ${JSON.stringify(json)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
