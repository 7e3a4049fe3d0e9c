/**
 * Today's call list as the Today screen asks for it: dispatch('callList.list', { days: 7, limit:
 * CALL_LIST_ROWS }) (the first page of 200 due rows: promised, due today, the overdue ranked; the next
 * 7 days, what was done today, every total counted), on the big shop with "today" pinned to the shop's last day, so the
 * list holds what a real morning holds (due, the next 7 days, not heard from counted apart). Also
 * filtered by one area (a delivery round). Floor: a bare query walking the same reminders_by_due
 * index back from today for 200 due rows, timed right next to each call. And a check: every reminder
 * that becomes due today is among the rows Today shows, read in pages as the screen scrolls (issue 16:
 * 14.6 % at 1000 households with the first Today, 1.4 % at 100,000 with one page of 200), each further
 * page timed.
 */
import { openBackend } from '../../electron/backend/backend.ts';
import { CALL_LIST_DAYS, CALL_LIST_ROWS } from '../../renderer/src/store/callListSlice.ts';
import { envInt, type Bench, type BenchContext } from './context.ts';
import { summarize, type Result } from './stats.ts';

const GOAL_MS = 50;

function callList(ctx: BenchContext): Result[] {
  const runs = envInt('BENCH_CALL_LIST_RUNS', ctx.quick ? 20 : 60);
  const warmup = 5;
  const backend = openBackend({ dataDir: ctx.work.dataDir, now: () => new Date(`${ctx.shop.endDate}T09:00:00`) });
  try {
    const { db } = backend.context;
    const today = backend.context.today();
    // The index walk the list's first page makes: today's reminders in list order (reminders_by_due).
    const floorQuery = db.prepare<[string], { customer_id: number }>(
      `SELECT customer_id FROM reminders WHERE status = 'open' AND coalesce(snoozed_until, due_date) = ?
         ORDER BY run_out_date, customer_id, product_id LIMIT 200`,
    );
    const areas = db
      .prepare<[], { area: string }>("SELECT DISTINCT area FROM customers WHERE area <> '' ORDER BY area")
      .all()
      .map((r) => r.area);
    const screen = { days: CALL_LIST_DAYS, limit: CALL_LIST_ROWS };
    const variants: { id: string; label: string; input: Record<string, unknown>; goal: number | null }[] = [
      { id: 'all', label: `today's call list (${CALL_LIST_DAYS} days, ${CALL_LIST_ROWS} rows a section)`, input: screen, goal: GOAL_MS },
      { id: 'area', label: `today's call list, one area (${areas[0] ?? '-'})`, input: { ...screen, ...(areas[0] ? { area: areas[0] } : {}) }, goal: GOAL_MS },
      // What the API gives without a limit (1000 rows a section): not what the screen asks, shown for scale.
      { id: 'all1000', label: `call list, 1000 rows a section (API default)`, input: { days: CALL_LIST_DAYS }, goal: null },
    ];
    const results: Result[] = [];
    let sizes = '';
    for (const variant of variants) {
      const times: number[] = [];
      const floor: number[] = [];
      for (let i = 0; i < warmup + runs; i++) {
        let t = performance.now();
        floorQuery.all(today);
        const floorMs = performance.now() - t;
        t = performance.now();
        const envelope = backend.dispatch('callList.list', variant.input);
        const ms = performance.now() - t;
        if (!envelope.ok) throw new Error(`reminders.callList failed: ${JSON.stringify(envelope.error)}`);
        if (i === 0) {
          const list = envelope.data as { due: unknown[]; upcoming: unknown[]; dueTotal: number; upcomingTotal: number; lapsedTotal: number };
          sizes += `${variant.id}: ${list.dueTotal} due (${list.due.length} returned), ${list.upcomingTotal} in 7 days (${list.upcoming.length} returned), ${list.lapsedTotal} lapsed; `;
        }
        if (i >= warmup) {
          times.push(ms);
          floor.push(floorMs);
        }
      }
      results.push({
        id: `callList.${variant.id}`,
        label: variant.label,
        group: 'reminders',
        stats: summarize(times),
        goalMs: variant.goal,
        floor: { label: 'bare index walk, first 200 due reminders', stats: summarize(floor) },
      });
    }
    results.push({
      id: 'floor.callList.indexWalk',
      label: 'floor: bare reminders_by_due walk, 200 rows',
      group: 'reminders',
      stats: results[0]!.floor!.stats,
      goalMs: null,
    });
    results[0]!.note = sizes.trim();
    results.push(...freshShown(backend, today, screen));
    return results;
  } finally {
    backend.close();
  }
}

/**
 * The reminders that become due today, and how many of them are among the rows Today shows (the day's
 * work), read as the screen reads them: the first page, then callList.due page after page as the list
 * scrolls. Timed: each further page (what a scroll waits for), beside the same 200 rows' bare index walk.
 */
function freshShown(backend: ReturnType<typeof openBackend>, today: string, screen: Record<string, unknown>): Result[] {
  const becameDue = backend.context.db
    .prepare<[string], { customer_id: number; product_id: number }>(
      `SELECT r.customer_id, r.product_id FROM reminders r JOIN customers c ON c.id = r.customer_id
       WHERE r.status = 'open' AND coalesce(r.snoozed_until, r.due_date) = ? AND c.archived_at IS NULL`,
    )
    .all(today);
  const floorQuery = backend.context.db.prepare<[string, string, number, number], { customer_id: number }>(
    `SELECT customer_id FROM reminders WHERE status = 'open' AND coalesce(snoozed_until, due_date) = ?
       AND (run_out_date, customer_id, product_id) > (?, ?, ?) ORDER BY run_out_date, customer_id, product_id LIMIT 200`,
  );
  const call = <T>(name: string, input: Record<string, unknown>): T => {
    const envelope = backend.dispatch(name as 'callList.list', input as never);
    if (!envelope.ok) throw new Error(`${name} failed: ${JSON.stringify(envelope.error)}`);
    return envelope.data as T;
  };
  type Page = { rows: { customerId: number; productId: number; runOutDate: string }[]; next: unknown };
  const list = call<{ due: Page['rows']; dueNext: unknown; dueShown: number }>('callList.list', screen);
  const rows = [...list.due];
  const pageMs: number[] = [];
  const floorMs: number[] = [];
  for (let next = list.dueNext; next && rows.length < list.dueShown;) {
    const last = rows[rows.length - 1]!;
    let t = performance.now();
    floorQuery.all(today, last.runOutDate, last.customerId, last.productId);
    floorMs.push(performance.now() - t);
    t = performance.now();
    const page = call<Page>('callList.due', { after: next, limit: screen.limit });
    pageMs.push(performance.now() - t);
    rows.push(...page.rows);
    next = page.next;
  }
  const shown = new Set(rows.slice(0, list.dueShown).map((r) => `${r.customerId}:${r.productId}`));
  const among = becameDue.filter((r) => shown.has(`${r.customer_id}:${r.product_id}`)).length;
  const share = becameDue.length === 0 ? 100 : (100 * among) / becameDue.length;
  return [
    {
      id: 'callList.freshShown',
      label: `reminders due today among the rows Today shows: ${among} of ${becameDue.length} (${share.toFixed(1)} %)`,
      group: 'reminders',
      stats: summarize(pageMs.length > 0 ? pageMs : [0]),
      goalMs: GOAL_MS,
      note: `${list.dueShown} rows are the day's work, read in ${pageMs.length + 1} pages of ${String(screen.limit)}; timed: each page after the first; goal: 100 % of those due today`,
      floor: { label: 'bare index walk, the same 200 rows', stats: summarize(floorMs.length > 0 ? floorMs : [0]) },
    },
  ];
}

export const callListBench: Bench = { name: 'callList', run: callList };
