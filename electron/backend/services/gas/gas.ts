/**
 * The gas cylinder register: cylinders by serial (or QR text) with their dates; who holds which, from the
 * appended issued / returned events (the holder is the latest one); the notices Today shows 30 days before
 * a held cylinder's inspection or scrap date; the home safety-check log, and the supply hold it implies,
 * which a gas sale may override with a reason, logged. Date rules live in shared/domain/gas.ts.
 */
import type { Cylinder, GasCheck, GasNotice, HoldOverride } from '../../../../shared/contract.ts';
import type { cylinderDraftSchema, gasCheckDraftSchema } from '../../../../shared/contract/gas.ts';
import {
  cylinderDateIssues,
  defaultNextCheck,
  duesOf,
  holdOf,
  noticeHorizon,
  outOfDate,
  type CheckResult,
  type SupplyHold,
} from '../../../../shared/domain/gas.ts';
import { AppError } from '../../../../shared/errors.ts';
import { isoNow, requireWithinReach, type BackendContext } from '../../context.ts';
import type { AreaHandlers } from '../../dispatch.ts';
import type { z } from 'zod';

type CylinderDraft = z.output<typeof cylinderDraftSchema>;
type CheckDraft = z.output<typeof gasCheckDraftSchema>;

interface CylinderRow {
  id: number;
  serial: string;
  size_kg: number;
  fill_date: string | null;
  last_inspection_date: string | null;
  next_inspection_date: string;
  scrap_date: string;
  note: string;
  holder_id: number | null;
  holder_name: string | null;
  holder_phone: string | null;
  holder_since: string | null;
}

interface CheckRow {
  id: number;
  customer_id: number;
  date: string;
  items: string;
  result: CheckResult;
  next_due: string | null;
  by: string;
  note: string;
  created_at: string;
}

interface OverrideRow {
  id: number;
  customer_id: number;
  sale_id: number;
  hold_reason: 'refused' | 'failed';
  reason: string;
  created_at: string;
}

/** Each cylinder with its holder: the household of its latest event when that event is an issue. */
const CYLINDERS = `
  WITH latest AS (
    SELECT cylinder_id, kind, customer_id, date, max(id) AS id FROM gas_cylinder_events GROUP BY cylinder_id
  )
  SELECT g.id, g.serial, g.size_kg, g.fill_date, g.last_inspection_date, g.next_inspection_date, g.scrap_date, g.note,
         c.id AS holder_id, c.name AS holder_name,
         (SELECT phone FROM customer_phones p WHERE p.customer_id = c.id ORDER BY position LIMIT 1) AS holder_phone,
         l.date AS holder_since
  FROM gas_cylinders g
  LEFT JOIN latest l ON l.cylinder_id = g.id AND l.kind = 'issued'
  LEFT JOIN customers c ON c.id = l.customer_id`;

export function createGasService(ctx: BackendContext) {
  const { db } = ctx;
  // Prepared on first use, not when the backend opens: tests open books at earlier schema versions
  // (before the register existed) with this code, and must not fail on a table they never touch.
  let prepared: ReturnType<typeof prepare> | undefined;
  const st = () => (prepared ??= prepare());
  function prepare() {
    return {
      byId: db.prepare<[number], CylinderRow>(`${CYLINDERS} WHERE g.id = ?`),
      bySerial: db.prepare<[string], { id: number }>('SELECT id FROM gas_cylinders WHERE serial = ?'),
      list: db.prepare<{ query: string; horizon: string | null }, CylinderRow>(
        `${CYLINDERS} WHERE instr(lower(g.serial), lower(:query)) > 0
           AND (:horizon IS NULL OR g.next_inspection_date <= :horizon OR g.scrap_date <= :horizon)
         ORDER BY min(g.next_inspection_date, g.scrap_date), g.serial`,
      ),
      heldBy: db.prepare<[number], CylinderRow>(`${CYLINDERS} WHERE c.id = ? ORDER BY g.serial`),
      held: db.prepare<{ horizon: string }, CylinderRow>(
        `${CYLINDERS} WHERE c.id IS NOT NULL AND (g.next_inspection_date <= :horizon OR g.scrap_date <= :horizon)`,
      ),
      latestEvent: db.prepare<[number], { kind: 'issued' | 'returned'; customer_id: number; date: string }>(
        'SELECT kind, customer_id, date FROM gas_cylinder_events WHERE cylinder_id = ? ORDER BY id DESC LIMIT 1',
      ),
      insert: db.prepare(
        `INSERT INTO gas_cylinders (serial, size_kg, fill_date, last_inspection_date, next_inspection_date, scrap_date, note, created_at, updated_at)
         VALUES (:serial, :sizeKg, :fillDate, :lastInspectionDate, :nextInspectionDate, :scrapDate, :note, :now, :now)`,
      ),
      update: db.prepare(
        `UPDATE gas_cylinders SET serial = :serial, size_kg = :sizeKg, fill_date = :fillDate, last_inspection_date = :lastInspectionDate,
           next_inspection_date = :nextInspectionDate, scrap_date = :scrapDate, note = :note, updated_at = :now WHERE id = :id`,
      ),
      insertEvent: db.prepare(
        'INSERT INTO gas_cylinder_events (cylinder_id, kind, customer_id, date, created_at) VALUES (:cylinderId, :kind, :customerId, :date, :now)',
      ),
      customer: db.prepare<[number], { id: number; phones: number }>(
        'SELECT id, (SELECT count(*) FROM customer_phones p WHERE p.customer_id = c.id) AS phones FROM customers c WHERE id = ?',
      ),
      checksOf: db.prepare<[number], CheckRow>(
        'SELECT id, customer_id, date, items, result, next_due, by, note, created_at FROM gas_checks WHERE customer_id = ? ORDER BY date DESC, id DESC',
      ),
      checkById: db.prepare<[number], CheckRow>('SELECT id, customer_id, date, items, result, next_due, by, note, created_at FROM gas_checks WHERE id = ?'),
      insertCheck: db.prepare(
        `INSERT INTO gas_checks (customer_id, date, items, result, next_due, by, note, created_at)
         VALUES (:customerId, :date, :items, :result, :nextDue, :by, :note, :now)`,
      ),
      sale: db.prepare<[number], { customer_id: number; unit: string; voided_at: string | null }>(
        'SELECT s.customer_id, p.unit, s.voided_at FROM sales s JOIN products p ON p.id = s.product_id WHERE s.id = ?',
      ),
      overridesOf: db.prepare<[number], OverrideRow>(
        'SELECT id, customer_id, sale_id, hold_reason, reason, created_at FROM gas_hold_overrides WHERE customer_id = ? ORDER BY id DESC',
      ),
      overrideById: db.prepare<[number], OverrideRow>('SELECT id, customer_id, sale_id, hold_reason, reason, created_at FROM gas_hold_overrides WHERE id = ?'),
      insertOverride: db.prepare(
        `INSERT INTO gas_hold_overrides (customer_id, sale_id, check_id, hold_reason, reason, created_at)
         VALUES (:customerId, :saleId, :checkId, :holdReason, :reason, :now)`,
      ),
    };
  }

  function toCylinder(r: CylinderRow): Cylinder {
    const today = ctx.today();
    return {
      id: r.id,
      serial: r.serial,
      sizeKg: r.size_kg,
      fillDate: r.fill_date,
      lastInspectionDate: r.last_inspection_date,
      nextInspectionDate: r.next_inspection_date,
      scrapDate: r.scrap_date,
      note: r.note,
      holder: r.holder_id === null ? null : { customerId: r.holder_id, name: r.holder_name ?? '', phone: r.holder_phone ?? '', since: r.holder_since ?? '' },
      dues: duesOf({ nextInspectionDate: r.next_inspection_date, scrapDate: r.scrap_date }, today),
    };
  }

  const toCheck = (r: CheckRow): GasCheck => ({
    id: r.id,
    customerId: r.customer_id,
    date: r.date,
    items: JSON.parse(r.items) as GasCheck['items'],
    result: r.result,
    nextDue: r.next_due,
    by: r.by,
    note: r.note,
    createdAt: r.created_at,
  });

  const toOverride = (r: OverrideRow): HoldOverride => ({
    id: r.id,
    customerId: r.customer_id,
    saleId: r.sale_id,
    reason: r.reason,
    holdReason: r.hold_reason,
    createdAt: r.created_at,
  });

  function get(id: number): Cylinder {
    const row = st().byId.get(id);
    if (!row) throw new AppError('NOT_FOUND', `cylinder ${id} not found`, { details: { entity: 'cylinder', id } });
    return toCylinder(row);
  }

  function idOfSerial(serial: string): number {
    const row = st().bySerial.get(serial);
    if (!row) throw new AppError('CYLINDER_UNKNOWN', `no cylinder with serial ${serial}`, { details: { serial } });
    return row.id;
  }

  function requireCustomer(customerId: number): { phones: number } {
    const row = st().customer.get(customerId);
    if (!row) throw new AppError('NOT_FOUND', `customer ${customerId} not found`, { details: { entity: 'customer', id: customerId } });
    return row;
  }

  /** A fact's date: a slip to the future (a check or an issue dated 2062) is refused like any other date. */
  function requirePast(date: string, path: string[]): void {
    if (date > ctx.today()) throw new AppError('VALIDATION', `${date} is after today`, { issues: [{ path, issue: 'date_in_future' }] });
  }

  function requirePlausible(draft: CylinderDraft): void {
    const issues = cylinderDateIssues(draft, ctx.today());
    if (issues.length > 0) {
      throw new AppError('VALIDATION', 'the cylinder dates do not fit', {
        issues: issues.map((i) => ({ path: ['draft', ...i.path], issue: i.issue, ...(i.limit === undefined ? {} : { limit: i.limit }) })),
      });
    }
  }

  function requireFreeSerial(serial: string, ownId: number | null): void {
    const taken = st().bySerial.get(serial);
    if (taken && taken.id !== ownId)
      throw new AppError('CYLINDER_SERIAL_TAKEN', `serial ${serial} is registered already`, { details: { serial, id: taken.id } });
  }

  const fields = (d: CylinderDraft) => ({
    serial: d.serial,
    sizeKg: d.sizeKg,
    fillDate: d.fillDate,
    lastInspectionDate: d.lastInspectionDate,
    nextInspectionDate: d.nextInspectionDate,
    scrapDate: d.scrapDate,
    note: d.note,
    now: isoNow(ctx),
  });

  const register = db.transaction((draft: CylinderDraft): Cylinder => {
    requirePlausible(draft);
    requireFreeSerial(draft.serial, null);
    return get(Number(st().insert.run(fields(draft)).lastInsertRowid));
  });

  const update = db.transaction((id: number, draft: CylinderDraft): Cylinder => {
    get(id);
    requirePlausible(draft);
    requireFreeSerial(draft.serial, id);
    st().update.run({ ...fields(draft), id });
    return get(id);
  });

  function list(query: string, dueSoon: boolean, limit: number) {
    const rows = st().list.all({ query, horizon: dueSoon ? noticeHorizon(ctx.today()) : null });
    return { items: rows.slice(0, limit).map(toCylinder), total: rows.length };
  }

  function movementDate(date: string | undefined, previous: { date: string } | undefined): string {
    const day = date ?? ctx.today();
    requirePast(day, ['date']);
    if (previous && day < previous.date)
      throw new AppError('VALIDATION', `${day} is before the cylinder's last movement`, { issues: [{ path: ['date'], issue: 'date_before_last_movement' }] });
    return day;
  }

  const issue = db.transaction((serial: string, customerId: number, date: string | undefined): Cylinder => {
    const id = idOfSerial(serial);
    requireCustomer(customerId);
    const last = st().latestEvent.get(id);
    if (last?.kind === 'issued') {
      throw new AppError('CYLINDER_ALREADY_HELD', `cylinder ${serial} is held by customer ${last.customer_id}`, {
        details: { serial, customerId: last.customer_id },
      });
    }
    const day = movementDate(date, last);
    const why = outOfDate(get(id), day);
    if (why) throw new AppError('CYLINDER_OUT_OF_DATE', `cylinder ${serial} is past its ${why} date`, { details: { serial, kind: why } });
    st().insertEvent.run({ cylinderId: id, kind: 'issued', customerId, date: day, now: isoNow(ctx) });
    return get(id);
  });

  const giveBack = db.transaction((serial: string, date: string | undefined): Cylinder => {
    const id = idOfSerial(serial);
    const last = st().latestEvent.get(id);
    if (last?.kind !== 'issued') throw new AppError('CYLINDER_NOT_HELD', `cylinder ${serial} is in the shop`, { details: { serial } });
    const day = movementDate(date, last);
    st().insertEvent.run({ cylinderId: id, kind: 'returned', customerId: last.customer_id, date: day, now: isoNow(ctx) });
    return get(id);
  });

  function notices(): { items: GasNotice[] } {
    const items: GasNotice[] = [];
    for (const c of st()
      .held.all({ horizon: noticeHorizon(ctx.today()) })
      .map(toCylinder)) {
      for (const due of c.dues) items.push({ cylinderId: c.id, serial: c.serial, sizeKg: c.sizeKg, holder: c.holder!, ...due });
    }
    return { items: items.sort((a, b) => a.days - b.days || a.serial.localeCompare(b.serial)) };
  }

  const checksOf = (customerId: number) => st().checksOf.all(customerId);

  function holdOfCustomer(customerId: number): SupplyHold | null {
    return holdOf(checksOf(customerId));
  }

  function forCustomer(customerId: number) {
    requireCustomer(customerId);
    const checks = checksOf(customerId);
    return {
      cylinders: st().heldBy.all(customerId).map(toCylinder),
      checks: checks.map(toCheck),
      hold: holdOf(checks),
      overrides: st().overridesOf.all(customerId).map(toOverride),
    };
  }

  const recordCheck = db.transaction((draft: CheckDraft): GasCheck => {
    requireCustomer(draft.customerId);
    const date = draft.date ?? ctx.today();
    requirePast(date, ['date']);
    const nextDue = draft.nextDue === undefined ? defaultNextCheck(date, draft.result) : draft.nextDue;
    if (nextDue !== null) {
      requireWithinReach(ctx, nextDue, ['nextDue']);
      if (nextDue <= date)
        throw new AppError('VALIDATION', 'the next check is not after this one', { issues: [{ path: ['nextDue'], issue: 'next_due_before_check' }] });
    }
    const id = st().insertCheck.run({
      customerId: draft.customerId,
      date,
      items: JSON.stringify([...new Set(draft.items)]),
      result: draft.result,
      nextDue,
      by: draft.by,
      note: draft.note,
      now: isoNow(ctx),
    }).lastInsertRowid;
    return toCheck(st().checkById.get(Number(id))!);
  });

  function holdFor(customerId: number) {
    const { phones } = requireCustomer(customerId);
    return { hold: holdOfCustomer(customerId), missingPhone: phones === 0 };
  }

  const overrideHold = db.transaction((customerId: number, saleId: number, reason: string): HoldOverride => {
    requireCustomer(customerId);
    const sale = st().sale.get(saleId);
    if (!sale || sale.customer_id !== customerId || sale.unit !== 'cylinder' || sale.voided_at !== null) {
      throw new AppError('NOT_FOUND', `no gas sale ${saleId} of customer ${customerId}`, { details: { entity: 'sale', id: saleId } });
    }
    const hold = holdOfCustomer(customerId);
    if (!hold) throw new AppError('GAS_NO_HOLD', `customer ${customerId} is not held`, { details: { customerId } });
    const id = st().insertOverride.run({ customerId, saleId, checkId: hold.checkId, holdReason: hold.reason, reason, now: isoNow(ctx) }).lastInsertRowid;
    return toOverride(st().overrideById.get(Number(id))!);
  });

  return { register, update, list, issue, giveBack, notices, forCustomer, recordCheck, holdFor, overrideHold, get };
}

export type GasService = ReturnType<typeof createGasService>;

export function gasHandlers({ gas }: { gas: GasService }): AreaHandlers<'gas'> {
  return {
    'gas.register': ({ draft }) => gas.register(draft),
    'gas.update': ({ id, draft }) => gas.update(id, draft),
    'gas.list': ({ query, dueSoon, limit }) => gas.list(query, dueSoon, limit),
    'gas.issue': ({ serial, customerId, date }) => gas.issue(serial, customerId, date),
    'gas.return': ({ serial, date }) => gas.giveBack(serial, date),
    'gas.notices': () => gas.notices(),
    'gas.forCustomer': ({ customerId }) => gas.forCustomer(customerId),
    'gas.recordCheck': (draft) => gas.recordCheck(draft),
    'gas.holdFor': ({ customerId }) => gas.holdFor(customerId),
    'gas.overrideHold': ({ customerId, saleId, reason }) => gas.overrideHold(customerId, saleId, reason),
  };
}
