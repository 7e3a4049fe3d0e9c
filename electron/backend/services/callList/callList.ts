/**
 * The daily call list and what the shopkeeper does with it: called (with an outcome), snoozed,
 * skipped; each action logged in contacts with the reminder as it was, so that undo restores it.
 */
import type { CallList, Contact, DoneRow, DueCursor, ReminderAction, ReminderRow, UndoneContact, Unit } from '../../../../shared/contract.ts';
import { callPriority, effectiveDueDate, followUpDate, planToday, todaysWork, type CallPriority } from '../../../../shared/domain/callList.ts';
import { addDays } from '../../../../shared/domain/dates.ts';
import { confidenceOf } from '../../../../shared/domain/forecast.ts';
import { AppError } from '../../../../shared/errors.ts';
import { isoNow, requireWithinReach, type BackendContext } from '../../context.ts';
import { toContact, type ContactLog } from '../customers/contactLog.ts';
import type { ForecastsService } from '../forecasts/forecasts.ts';
import type { SettingsService } from '../shop/settings.ts';
import type { AreaHandlers } from '../../dispatch.ts';

interface ReminderDbRow {
  customer_id: number;
  product_id: number;
  name: string;
  adults: number;
  children: number;
  seniors: number;
  phone: string | null;
  area: string;
  address: string;
  product_name: string;
  unit: Unit;
  last_purchase_date: string;
  last_quantity: number;
  daily_use: number;
  observations: number;
  run_out_date: string;
  due_date: string;
  snoozed_until: string | null;
  outcome: string | null;
  owed_fen: number | null;
  cycle_days: number;
  monthly_fen: number;
  calls_answered: number;
}

interface DoneDbRow {
  id: number;
  customer_id: number;
  product_id: number | null;
  name: string;
  product_name: string | null;
  kind: DoneRow['kind'];
  outcome: string | null;
  follow_up: string | null;
  created_at: string;
}

interface ReminderState {
  cycle_sale_id: number;
  status: 'open' | 'skipped';
  snoozed_until: string | null;
  outcome: string | null;
  stock_report: number | null;
  stock_report_date: string | null;
}

function toRow(r: ReminderDbRow): ReminderRow {
  return {
    customerId: r.customer_id,
    productId: r.product_id,
    name: r.name,
    adults: r.adults,
    children: r.children,
    seniors: r.seniors,
    phone: r.phone ?? '',
    area: r.area,
    address: r.address,
    productName: r.product_name,
    unit: r.unit,
    lastPurchaseDate: r.last_purchase_date,
    lastQuantity: r.last_quantity,
    dailyUse: r.daily_use,
    confidence: confidenceOf(r.observations),
    runOutDate: r.run_out_date,
    dueDate: effectiveDueDate({ dueDate: r.due_date, snoozedUntil: r.snoozed_until }),
    snoozedUntil: r.snoozed_until,
    outcome: r.outcome,
    owedFen: r.owed_fen ?? 0,
    cycleDays: r.cycle_days,
    monthlyFen: r.monthly_fen,
    callsAnswered: r.calls_answered,
    priority: null,
  };
}

function toDone(r: DoneDbRow): DoneRow {
  return {
    contactId: r.id,
    customerId: r.customer_id,
    productId: r.product_id,
    name: r.name,
    productName: r.product_name ?? '',
    kind: r.kind,
    outcome: r.outcome,
    followUp: r.follow_up,
    createdAt: r.created_at,
  };
}

/**
 * The overdue rows ranked together (planToday) after what was promised and what became due today: the
 * freshest this many. Older ones follow them, the freshest first.
 */
const RANKED_AT_LEAST = 200;

/** Today's due list from its start. */
export const FIRST_PAGE: DueCursor = { stage: 'promised', offset: 0, after: null };

/** Before any row of a stage read in ascending order: every run-out date sorts after ''. */
const FROM_START = { runOut: '', customerId: 0, productId: 0 };

export function createCallListService(ctx: BackendContext, deps: { forecasts: ForecastsService; contacts: ContactLog; settings: SettingsService }) {
  const { db } = ctx;
  // Indexed by reminders_by_due together with both columns, so ranges on it are tested in the index.
  const effectiveDue = 'coalesce(r.snoozed_until, r.due_date)';
  const listColumns = `r.customer_id, r.product_id, c.name, c.adults, c.children, c.seniors, c.area, c.address,
    (SELECT phone FROM customer_phones ph WHERE ph.customer_id = c.id ORDER BY position LIMIT 1) AS phone,
    p.name AS product_name, p.unit, f.last_purchase_date, f.last_quantity, f.daily_use, f.observations,
    r.run_out_date, r.due_date, r.snoozed_until, r.outcome,
    -- what the credit book says they owe (payments included), never less than nothing
    (SELECT max(b.balance_fen, 0) FROM balances b WHERE b.customer_id = c.id) AS owed_fen, r.cycle_days`;
  // What only the overdue are ranked by (planToday, callPriority): the other parts of the list, whose
  // place their stage decides, skip these two subqueries a row.
  // Calls after which it came back: "does not come back on its own", told of the ranked and the older.
  const callsAnswered = `(SELECT count(*) FROM contacts k WHERE k.customer_id = c.id AND k.kind = 'call'
       AND k.outcome IN ('will_come', 'deliver') AND k.undone_at IS NULL) AS calls_answered`;
  const rankedColumns = `${listColumns},
    -- what the household spends a month, every product: the ranking's "high-value" (a few rows each)
    (SELECT CAST(round(30 * coalesce(sum(f2.daily_use * p2.price_fen), 0)) AS INTEGER)
       FROM forecasts f2 JOIN products p2 ON p2.id = f2.product_id WHERE f2.customer_id = c.id) AS monthly_fen,
    ${callsAnswered}`;
  // The older overdue are told "waits to be called" only (high-value is told among the ranked).
  const olderColumns = `${listColumns}, 0 AS monthly_fen, ${callsAnswered}`;
  const unrankedColumns = `${listColumns}, 0 AS monthly_fen, 0 AS calls_answered`;
  const listFrom = `FROM reminders r
    JOIN customers c ON c.id = r.customer_id
    JOIN products p ON p.id = r.product_id
    JOIN forecasts f ON f.customer_id = r.customer_id AND f.product_id = r.product_id
    WHERE r.status = 'open' AND c.archived_at IS NULL AND p.archived_at IS NULL`;
  // The whole list and one area (a delivery round) walk the same index, reminders_by_due, which holds
  // the area: an area's rows are tested there and only those are read. A second index by area first
  // made an area's totals a range of their own (1 ms instead of 9 ms each at 100k households), but its
  // entry moved with every sale too: two more pages to write and flush at the counter, every time.
  const inArea = (withArea: boolean) => (withArea ? 'AND r.area = :area' : '');
  /** A statement for the whole shop and one for an area, run as the area asks (null: every area). */
  function perArea<P extends object, R>(sql: (areaTerm: string) => string) {
    const all = db.prepare<P, R>(sql(inArea(false)));
    const one = db.prepare<P & { area: string }, R>(sql(inArea(true)));
    return {
      all: (params: P, area: string | null) => (area === null ? all.all(params) : one.all({ ...params, area })),
      get: (params: P, area: string | null) => (area === null ? all.get(params) : one.get({ ...params, area }))!,
    };
  }
  // Promised: a delivery or a visit agreed for today or before (planToday's first rank), a range of
  // reminders_promised, whose WHERE is the outcome term word for word. The unary + on the status and
  // the lapse keep SQLite off the indexes that start with them: without statistics it took the status
  // as a better start and read every open reminder (470 ms at 100k households, for none promised).
  const promisedTerms = `r.outcome IN ('deliver', 'will_come') AND r.snoozed_until <= :today AND +r.lapses_on >= :today`;
  const notPromised = `NOT (coalesce(r.outcome, '') IN ('deliver', 'will_come') AND r.snoozed_until IS NOT NULL)`;
  const openOnly = "r.status = 'open'";
  const selectPromised = perArea<{ today: string; limit: number; offset: number }, ReminderDbRow>(
    (area) => `SELECT ${unrankedColumns} ${listFrom.replace(openOnly, `+${openOnly}`)} ${area} AND ${promisedTerms}
       ORDER BY r.run_out_date, r.customer_id, r.product_id LIMIT :limit OFFSET :offset`,
  );
  const countPromised = perArea<{ today: string }, { n: number; today: number }>(
    (area) => `SELECT count(*) AS n, coalesce(sum(r.snoozed_until = :today), 0) AS today
       FROM reminders r JOIN customers c ON c.id = r.customer_id
       WHERE +${openOnly} AND c.archived_at IS NULL ${area} AND ${promisedTerms}`,
  );
  // Became due today: one range of reminders_by_due, in its order, each page after the last one's row.
  // The ORDER BY names only the columns after the day: naming the status and the day too (fixed by the
  // WHERE) made SQLite sort the whole day's rows for each page (54-80 ms at 14,000 due today).
  type AfterRow = { runOut: string; customerId: number; productId: number };
  const selectNew = perArea<{ today: string; limit: number } & AfterRow, ReminderDbRow>(
    (area) => `SELECT ${unrankedColumns} ${listFrom} ${area} AND ${effectiveDue} = :today
       AND (r.run_out_date, r.customer_id, r.product_id) > (:runOut, :customerId, :productId) AND ${notPromised}
       ORDER BY r.run_out_date, r.customer_id, r.product_id LIMIT :limit`,
  );
  // Overdue and not lapsed, the freshest first: walked backwards in reminders_by_due from today, and
  // from the row the last page ended on (its due date bounds the walk; the row value places it within).
  const backlogOrder = `ORDER BY r.status DESC, ${effectiveDue} DESC, r.run_out_date DESC, r.customer_id DESC, r.product_id DESC`;
  const selectBacklog = perArea<{ today: string; limit: number }, ReminderDbRow>(
    (area) => `SELECT ${rankedColumns} ${listFrom} ${area} AND ${effectiveDue} < :today AND r.lapses_on >= :today
       AND ${notPromised} ${backlogOrder} LIMIT :limit`,
  );
  const selectOlder = perArea<{ today: string; limit: number; due: string } & AfterRow, ReminderDbRow>(
    (area) => `SELECT ${olderColumns} ${listFrom} ${area} AND ${effectiveDue} <= :due
       AND (${effectiveDue}, r.run_out_date, r.customer_id, r.product_id) < (:due, :runOut, :customerId, :productId)
       AND r.lapses_on >= :today AND ${notPromised} ${backlogOrder} LIMIT :limit`,
  );
  // Not heard from: a range of reminders_by_lapse, the most recently lapsed first (the likeliest to win back).
  const selectLapsed = perArea<{ today: string; limit: number }, ReminderDbRow>(
    (area) => `SELECT ${unrankedColumns} ${listFrom} ${area} AND r.lapses_on < :today ORDER BY r.status DESC, r.lapses_on DESC LIMIT :limit`,
  );
  const selectDone = db.prepare<{ since: string; area: string | null }, DoneDbRow>(
    `SELECT k.id, k.customer_id, k.product_id, c.name, p.name AS product_name, k.kind, k.outcome, k.follow_up, k.created_at
     FROM contacts k INDEXED BY contacts_by_time JOIN customers c ON c.id = k.customer_id LEFT JOIN products p ON p.id = k.product_id
     WHERE k.created_at >= :since AND k.undone_at IS NULL AND k.kind IN ('call', 'snooze', 'skip', 'message') AND k.product_id IS NOT NULL
       AND (:area IS NULL OR c.area = :area)
     ORDER BY k.created_at DESC, k.id DESC LIMIT 200`,
  );
  // The next days. Both bounds are plain comparisons (never "(:from IS NULL OR ...)"), so that SQLite
  // uses them as the range of the index walk: otherwise the walk starts at the oldest lapsed reminder.
  const selectUpcoming = perArea<{ from: string; to: string; limit: number }, ReminderDbRow>(
    (area) => `SELECT ${unrankedColumns} ${listFrom} ${area} AND ${effectiveDue} > :from AND ${effectiveDue} <= :to
       ORDER BY r.status, ${effectiveDue}, r.run_out_date LIMIT :limit`,
  );
  // The totals count a range of the index alone and subtract what the list would leave out: reminders of
  // archived customers (rare, found through their own index). Joining every counted reminder to its
  // customer instead costs ~7 µs a row (95k due: 700 ms). Archived products have no reminders (products.ts),
  // and every reminder has its forecast (forecasts.store writes and deletes both): no join for either.
  // A unary + keeps SQLite from walking reminders_by_due once per customer instead of its primary key.
  const unindexed = (bounds: string) => bounds.replaceAll(effectiveDue, `+${effectiveDue}`).replaceAll('r.lapses_on', '+r.lapses_on');
  const rangeCount = (bounds: string) => (area: string) => `SELECT
      (SELECT count(*) FROM reminders r WHERE r.status = 'open' ${area} AND ${bounds})
    - (SELECT count(*) FROM customers c INDEXED BY customers_archived CROSS JOIN reminders r ON r.customer_id = c.id
       WHERE c.archived_at IS NOT NULL AND +r.status = 'open' ${area} AND ${unindexed(bounds)}) AS n`;
  const countRange = perArea<{ from: string; to: string }, { n: number }>(rangeCount(`${effectiveDue} > :from AND ${effectiveDue} <= :to`));
  const countUpTo = perArea<{ to: string }, { n: number }>(rangeCount(`${effectiveDue} <= :to`));
  const countOn = perArea<{ day: string }, { n: number }>(rangeCount(`${effectiveDue} = :day`));
  const countLapsed = perArea<{ today: string }, { n: number }>(rangeCount('r.lapses_on < :today'));
  // The areas that have open reminders (of customers and products not archived): one seek per distinct
  // area in customers_by_area (a skip scan), then the area's first households until one has a reminder
  // that counts (the household's area is the one copied onto its reminders). Only when none of its first
  // hundred has one (a round of new households, or one not sold to for long) are the open reminders
  // walked in reminders_by_due for one of that area: up to ~40 ms at 250k reminders, where walking all
  // of a big round's households took 64 ms. The unary + keeps SQLite on each household's reminders by
  // primary key instead of walking every open one in reminders_by_due.
  const selectAreas = db.prepare<[], { area: string }>(
    `WITH RECURSIVE a(area) AS (
       SELECT min(area) FROM customers WHERE area > ''
       UNION ALL SELECT (SELECT min(area) FROM customers WHERE area > a.area) FROM a WHERE a.area IS NOT NULL)
     SELECT area FROM a WHERE area IS NOT NULL AND (
       EXISTS (
         SELECT 1 FROM (SELECT id FROM customers INDEXED BY customers_by_area WHERE area = a.area AND archived_at IS NULL LIMIT 100) c
           CROSS JOIN reminders r ON r.customer_id = c.id CROSS JOIN products p ON p.id = r.product_id
         WHERE +r.status = 'open' AND p.archived_at IS NULL)
       OR EXISTS (
         SELECT 1 FROM reminders r CROSS JOIN customers c ON c.id = r.customer_id CROSS JOIN products p ON p.id = r.product_id
         WHERE r.status = 'open' AND r.area = a.area AND c.archived_at IS NULL AND p.archived_at IS NULL))
     ORDER BY area`,
  );
  const selectState = db.prepare<[number, number], ReminderState>(
    'SELECT cycle_sale_id, status, snoozed_until, outcome, stock_report, stock_report_date FROM reminders WHERE customer_id = ? AND product_id = ?',
  );
  const updateState = db.prepare(
    `UPDATE reminders SET status = :status, snoozed_until = :snoozed_until, outcome = :outcome, stock_report = :stock_report,
       stock_report_date = :stock_report_date, updated_at = :now WHERE customer_id = :customerId AND product_id = :productId`,
  );

  /** What was done from the list since the start of the shop's day (its local midnight), newest first. */
  function doneToday(today: string, area: string | null): DoneRow[] {
    const since = new Date(`${today}T00:00:00`).toISOString();
    return selectDone.all({ since, area }).map(toDone);
  }

  /**
   * One page of Today's due list from `cursor`: up to `limit` rows and where the next page starts (null at
   * the end). The list, in order: what was promised; what became due today; the freshest overdue,
   * ranked (planToday); the older overdue, the freshest first. Each stage reads only its own page, so a
   * page costs the same at the 1st row as at the 14,000th.
   */
  function duePage(today: string, area: string | null, cursor: DueCursor, limit: number): { rows: ReminderRow[]; next: DueCursor | null } {
    const rows: ReminderRow[] = [];
    let at: DueCursor | null = cursor;
    while (at !== null && rows.length < limit) {
      const want = limit - rows.length;
      const part = stagePage(today, area, at, want);
      rows.push(...part.rows);
      at = part.next;
    }
    return { rows, next: at };
  }

  /** Up to `want` rows of the cursor's stage, and where the list goes on (this stage or the next). */
  function stagePage(today: string, area: string | null, at: DueCursor, want: number): { rows: ReminderRow[]; next: DueCursor | null } {
    const ranked = (rows: ReminderDbRow[], priority: CallPriority) => rows.map((r) => ({ ...toRow(r), priority }));
    // One row more than wanted says whether the stage goes on.
    const more = <T>(rows: T[]) => ({ page: rows.slice(0, want), goesOn: rows.length > want });
    const keyOf = (row: ReminderRow) => ({ dueDate: row.dueDate, runOutDate: row.runOutDate, customerId: row.customerId, productId: row.productId });
    switch (at.stage) {
      case 'promised': {
        const { page, goesOn } = more(selectPromised.all({ today, limit: want + 1, offset: at.offset }, area));
        return { rows: ranked(page, 'promised'), next: goesOn ? { ...at, offset: at.offset + want } : { stage: 'new', offset: 0, after: null } };
      }
      case 'new': {
        const from = at.after ? { runOut: at.after.runOutDate, customerId: at.after.customerId, productId: at.after.productId } : FROM_START;
        const { page, goesOn } = more(selectNew.all({ today, limit: want + 1, ...from }, area));
        const rows = ranked(page, 'new');
        return { rows, next: goesOn ? { stage: 'new', offset: 0, after: keyOf(rows[rows.length - 1]!) } : { stage: 'ranked', offset: 0, after: null } };
      }
      case 'ranked': {
        // Ranked together on every page: the same rows in the same order while the book does not change.
        const window = selectBacklog.all({ today, limit: RANKED_AT_LEAST }, area).map(toRow);
        const order = planToday(window, today, 0).rows;
        const end = at.offset + want;
        const rows = order.slice(at.offset, end);
        if (end < order.length) return { rows, next: { stage: 'ranked', offset: end, after: null } };
        const last = window[window.length - 1];
        return { rows, next: window.length === RANKED_AT_LEAST && last ? { stage: 'older', offset: 0, after: keyOf(last) } : null };
      }
      case 'older': {
        if (!at.after) return { rows: [], next: null };
        const { dueDate, runOutDate, customerId, productId } = at.after;
        const { page, goesOn } = more(selectOlder.all({ today, limit: want + 1, due: dueDate, runOut: runOutDate, customerId, productId }, area));
        // Beyond the ranked ones, only "waits to be called" is told (high-value is told among the ranked).
        const rows = page.map((r) => {
          const row = toRow(r);
          return { ...row, priority: callPriority(row, today, Infinity) };
        });
        return { rows, next: goesOn ? { stage: 'older', offset: 0, after: keyOf(rows[rows.length - 1]!) } : null };
      }
    }
  }

  function callList(days: number, area: string | undefined, limit: number, dueLimit = limit): CallList {
    const today = ctx.today();
    const horizon = addDays(today, days);
    const where = area ?? null;
    const capacity = deps.settings.get().dailyCalls;
    const first = duePage(today, where, FIRST_PAGE, dueLimit);
    const promised = countPromised.get({ today }, where);
    // Promised for today are counted once, as promised.
    const becameDue = countOn.get({ day: today }, where).n - promised.today;
    const lapsedTotal = countLapsed.get({ today }, where).n;
    // Every lapsed reminder was due before today (lapses_on is on or after the day it is listed
    // under): both counts are index ranges, no row read.
    const dueTotal = countUpTo.get({ to: today }, where).n - lapsedTotal;
    return {
      today,
      due: first.rows,
      dueNext: first.next,
      dueShown: todaysWork(capacity, promised.n + becameDue, dueTotal),
      capacity,
      done: doneToday(today, where),
      upcoming: selectUpcoming.all({ from: today, to: horizon, limit }, where).map(toRow),
      dueTotal,
      upcomingTotal: countRange.get({ from: today, to: horizon }, where).n,
      lapsedTotal,
      areas: selectAreas.all().map((r) => r.area),
    };
  }

  /** The next page of Today's due list. */
  function due(area: string | undefined, after: DueCursor, limit: number) {
    return duePage(ctx.today(), area ?? null, after, limit);
  }

  /** Not heard from: reminders overdue by more than the household's own interval, the most recently lapsed first. */
  function lapsed(area: string | undefined, limit: number): ReminderRow[] {
    return selectLapsed.all({ today: ctx.today(), limit }, area ?? null).map(toRow);
  }

  const act = db.transaction((action: ReminderAction): Contact => {
    requireWithinReach(ctx, action.date);
    const state = selectState.get(action.customerId, action.productId);
    if (!state) {
      throw new AppError('NOT_FOUND', 'no reminder for this customer and product', {
        details: { entity: 'reminder', customerId: action.customerId, productId: action.productId },
      });
    }
    const today = ctx.today();
    const now = isoNow(ctx);
    const next: ReminderState = { ...state };
    const ids = { customerId: action.customerId, productId: action.productId };
    let redated = null;
    if (action.stockLeft !== undefined) {
      // The report re-dates the pair's forecast, and from it the follow-up; it is stored with the rest below.
      next.stock_report = action.stockLeft;
      next.stock_report_date = today;
      redated = deps.forecasts.refresh(action.customerId, action.productId, next);
    }
    if (action.action === 'skip') next.status = 'skipped';
    else {
      // A call or a snooze gives a follow-up in this cycle: a skipped reminder comes back for it.
      next.status = 'open';
      next.snoozed_until = followUpDate(action, today, redated);
    }
    next.outcome = action.action === 'called' ? (action.outcome ?? null) : action.action;
    updateState.run({ ...next, now, ...ids });
    return deps.contacts.add({
      customerId: action.customerId,
      productId: action.productId,
      kind: action.action === 'called' ? 'call' : action.action,
      outcome: action.outcome ?? null,
      followUp: action.action === 'skip' ? null : next.snoozed_until,
      stockLeft: action.stockLeft ?? null,
      note: action.note,
      previous: state,
      now,
    });
  });

  const undo = db.transaction((contactId: number): UndoneContact => {
    const contact = deps.contacts.get(contactId);
    const previous = contact.previous ? (JSON.parse(contact.previous) as ReminderState) : null;
    const current = contact.product_id !== null ? selectState.get(contact.customer_id, contact.product_id) : undefined;
    // Only while the same cycle runs: after a new purchase the old reminder state means nothing.
    const sameCycle = previous !== null && current !== undefined && current.cycle_sale_id === previous.cycle_sale_id;
    // Undone already (its message's Undo and Ctrl+Z at once): answered as then, nothing written.
    if (contact.undone_at) return { ...toContact(contact), reminderRestored: sameCycle };
    deps.contacts.refuseIfSuperseded(contact);
    if (previous && sameCycle && contact.product_id !== null) {
      updateState.run({ ...previous, now: isoNow(ctx), customerId: contact.customer_id, productId: contact.product_id });
      if (contact.stock_left !== null) deps.forecasts.refresh(contact.customer_id, contact.product_id);
    }
    return { ...deps.contacts.markUndone(contactId, isoNow(ctx)), reminderRestored: sameCycle };
  });

  return {
    callList,
    due,
    lapsed,
    act,
    undo,
  };
}
export type CallListService = ReturnType<typeof createCallListService>;

export function callListHandlers({ callList }: { callList: CallListService }): AreaHandlers<'callList'> {
  return {
    'callList.list': ({ days, area, limit, dueLimit }) => callList.callList(days, area, limit, dueLimit),
    'callList.due': ({ area, after, limit }) => callList.due(area, after, limit),
    'callList.lapsed': ({ area, limit }) => callList.lapsed(area, limit),
    'callList.act': (action) => callList.act(action),
    'callList.undo': ({ contactId }) => callList.undo(contactId),
  };
}
