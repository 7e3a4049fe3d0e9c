/**
 * The daily call list and what the shopkeeper does with it: called (with an outcome), snoozed,
 * skipped; each action logged in contacts with the reminder as it was, so that undo restores it.
 */
import type { CallList, Contact, ReminderAction, ReminderRow, UndoneContact, Unit } from '../../../../shared/contract.ts';
import { effectiveDueDate, followUpDate, lapsedBeforeOf } from '../../../../shared/domain/callList.ts';
import { addDays } from '../../../../shared/domain/dates.ts';
import { confidenceOf } from '../../../../shared/domain/forecast.ts';
import { AppError } from '../../../../shared/errors.ts';
import { isoNow, requireWithinReach, type BackendContext } from '../../context.ts';
import { toContact, type ContactLog } from '../customers/contactLog.ts';
import type { ForecastsService } from '../forecasts/forecasts.ts';
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
  };
}

export function createCallListService(ctx: BackendContext, deps: { forecasts: ForecastsService; contacts: ContactLog }) {
  const { db } = ctx;
  // Indexed by reminders_by_due together with both columns, so ranges on it are tested in the index.
  const effectiveDue = 'coalesce(r.snoozed_until, r.due_date)';
  const listColumns = `r.customer_id, r.product_id, c.name, c.adults, c.children, c.seniors, c.area, c.address,
    (SELECT phone FROM customer_phones ph WHERE ph.customer_id = c.id ORDER BY position LIMIT 1) AS phone,
    p.name AS product_name, p.unit, f.last_purchase_date, f.last_quantity, f.daily_use, f.observations,
    r.run_out_date, r.due_date, r.snoozed_until, r.outcome,
    -- what the credit book says they owe (payments included), never less than nothing
    (SELECT max(b.balance_fen, 0) FROM balances b WHERE b.customer_id = c.id) AS owed_fen`;
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
  // Both bounds are plain comparisons (never "(:from IS NULL OR ...)"), so that SQLite can use them as
  // the range of the index walk: otherwise the walk starts at the oldest lapsed reminder.
  type ListParams = { from: string; to: string; area?: string; limit: number };
  const listStatement = (withArea: boolean) =>
    db.prepare<ListParams, ReminderDbRow>(
      `SELECT ${listColumns} ${listFrom} ${inArea(withArea)} AND ${effectiveDue} > :from AND ${effectiveDue} <= :to
       ORDER BY r.status, ${effectiveDue}, r.run_out_date LIMIT :limit`,
    );
  const selectListAll = listStatement(false);
  const selectListArea = listStatement(true);
  const selectList = (p: { from: string; to: string; area: string | null; limit: number }) =>
    p.area === null ? selectListAll.all({ from: p.from, to: p.to, limit: p.limit }) : selectListArea.all({ ...p, area: p.area });
  // The totals count a range of the index alone and subtract what the list would leave out: reminders of
  // archived customers (rare, found through their own index). Joining every counted reminder to its
  // customer instead costs ~7 µs a row (95k due: 700 ms). Archived products have no reminders (products.ts),
  // and every reminder has its forecast (forecasts.store writes and deletes both): no join for either.
  // A unary + keeps SQLite from walking reminders_by_due once per customer instead of its primary key.
  const unindexed = (bounds: string) => bounds.replaceAll(effectiveDue, `+${effectiveDue}`);
  const rangeCount = (bounds: string, withArea: boolean) => `SELECT
      (SELECT count(*) FROM reminders r WHERE r.status = 'open' ${inArea(withArea)} AND ${bounds})
    - (SELECT count(*) FROM customers c INDEXED BY customers_archived CROSS JOIN reminders r ON r.customer_id = c.id
       WHERE c.archived_at IS NOT NULL AND +r.status = 'open' ${inArea(withArea)} AND ${unindexed(bounds)}) AS n`;
  const inRange = `${effectiveDue} > :from AND ${effectiveDue} <= :to`;
  const upTo = `${effectiveDue} <= :to`;
  const countRangeAll = db.prepare<{ from: string; to: string }, { n: number }>(rangeCount(inRange, false));
  const countRangeArea = db.prepare<{ from: string; to: string; area: string }, { n: number }>(rangeCount(inRange, true));
  const countUpToAll = db.prepare<{ to: string }, { n: number }>(rangeCount(upTo, false));
  const countUpToArea = db.prepare<{ to: string; area: string }, { n: number }>(rangeCount(upTo, true));
  const countRange = (p: { from: string; to: string; area: string | null }) =>
    p.area === null ? countRangeAll.get({ from: p.from, to: p.to })! : countRangeArea.get({ from: p.from, to: p.to, area: p.area })!;
  const countUpTo = (p: { to: string; area: string | null }) =>
    p.area === null ? countUpToAll.get({ to: p.to })! : countUpToArea.get({ to: p.to, area: p.area })!;
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

  function callList(days: number, area: string | undefined, limit: number): CallList {
    const today = ctx.today();
    const horizon = addDays(today, days);
    const lapsedBefore = lapsedBeforeOf(today);
    const base = { area: area ?? null };
    return {
      today,
      due: selectList({ ...base, from: lapsedBefore, to: today, limit }).map(toRow),
      upcoming: selectList({ ...base, from: today, to: horizon, limit }).map(toRow),
      dueTotal: countRange({ ...base, from: lapsedBefore, to: today }).n,
      upcomingTotal: countRange({ ...base, from: today, to: horizon }).n,
      lapsedTotal: countUpTo({ ...base, to: lapsedBefore }).n,
      areas: selectAreas.all().map((r) => r.area),
    };
  }

  /** Reminders overdue for more than LAPSED_AFTER_DAYS (households that may have stopped coming), longest first. */
  function lapsed(area: string | undefined, limit: number): ReminderRow[] {
    return selectList({ area: area ?? null, from: '', to: lapsedBeforeOf(ctx.today()), limit }).map(toRow);
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
    lapsed,
    act,
    undo,
  };
}
export type CallListService = ReturnType<typeof createCallListService>;

export function callListHandlers({ callList }: { callList: CallListService }): AreaHandlers<'callList'> {
  return {
    'callList.list': ({ days, area, limit }) => callList.callList(days, area, limit),
    'callList.lapsed': ({ area, limit }) => callList.lapsed(area, limit),
    'callList.act': (action) => callList.act(action),
    'callList.undo': ({ contactId }) => callList.undo(contactId),
  };
}
