/**
 * Complaints: what a household said, and each step the shop took after (handled, closed, the follow-up
 * asking if they are satisfied, reopened), appended and undoable. The status is derived from the steps
 * standing; a complaint nobody handled within RESPONSE_HOURS is overdue (on Today and in the owner's view).
 */
import type { Complaint, ComplaintKind, ComplaintStatus } from '../../../../shared/contract.ts';
import { complaintDraftSchema, complaintStepSchema } from '../../../../shared/contract/complaints.ts';
import { RESPONSE_HOURS, STEPS_ALLOWED, statusAfter, type ComplaintAction } from '../../../../shared/domain/complaints.ts';
import { AppError } from '../../../../shared/errors.ts';
import { isoNow, requireWithinReach, type BackendContext } from '../../context.ts';
import type { AreaHandlers } from '../../dispatch.ts';
import type { z } from 'zod';

interface ComplaintRow {
  id: number;
  customer_id: number;
  customer_name: string;
  kind: ComplaintKind;
  said: string;
  date: string;
  created_at: string;
}

interface EventRow {
  id: number;
  complaint_id: number;
  action: ComplaintAction;
  by: string;
  note: string;
  satisfied: number | null;
  created_at: string;
}

export function createComplaintsService(ctx: BackendContext) {
  const { db } = ctx;
  // Prepared on first use, not when the backend opens: tests open books at earlier schema versions
  // (before complaints existed) with this code, and must not fail on a table they never touch.
  let prepared: ReturnType<typeof prepare> | undefined;
  const st = () => (prepared ??= prepare());
  function prepare() {
    const columns = 'k.id, k.customer_id, c.name AS customer_name, k.kind, k.said, k.date, k.created_at';
    const selectOne = db.prepare<[number], ComplaintRow>(`SELECT ${columns} FROM complaints k JOIN customers c ON c.id = k.customer_id WHERE k.id = ?`);
    const selectAll = db.prepare<{ customerId: number | null }, ComplaintRow>(
      `SELECT ${columns} FROM complaints k JOIN customers c ON c.id = k.customer_id
       WHERE :customerId IS NULL OR k.customer_id = :customerId ORDER BY k.created_at DESC, k.id DESC`,
    );
    const eventsOf = db.prepare<[string], EventRow>(
      `SELECT id, complaint_id, action, by, note, satisfied, created_at FROM complaint_events
       WHERE undone_at IS NULL AND complaint_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
    );
    const insertComplaint = db.prepare('INSERT INTO complaints (customer_id, kind, said, date, created_at) VALUES (:customerId, :kind, :said, :date, :now)');
    const insertEvent = db.prepare(
      'INSERT INTO complaint_events (complaint_id, action, by, note, satisfied, created_at) VALUES (:complaintId, :action, :by, :note, :satisfied, :now)',
    );
    const markUndone = db.prepare('UPDATE complaint_events SET undone_at = ? WHERE id = ?');
    const customerExists = db.prepare<[number], { id: number }>('SELECT id FROM customers WHERE id = ?');
    return { selectOne, selectAll, eventsOf, insertComplaint, insertEvent, markUndone, customerExists };
  }

  function toComplaints(rows: ComplaintRow[]): Complaint[] {
    const events = new Map<number, EventRow[]>();
    for (const e of st().eventsOf.all(JSON.stringify(rows.map((r) => r.id)))) events.set(e.complaint_id, [...(events.get(e.complaint_id) ?? []), e]);
    const nowMs = ctx.now().getTime();
    return rows.map((r) => {
      const steps = events.get(r.id) ?? [];
      const status = statusAfter(steps.map((e) => e.action));
      const handled = steps.find((e) => e.action === 'handled' || e.action === 'closed');
      const followUp = steps.findLast((e) => e.action === 'followed_up');
      const createdMs = Date.parse(r.created_at);
      return {
        id: r.id,
        customerId: r.customer_id,
        customerName: r.customer_name,
        kind: r.kind,
        said: r.said,
        date: r.date,
        createdAt: r.created_at,
        status,
        overdue: status === 'open' && !handled && nowMs - createdMs > RESPONSE_HOURS * 3_600_000,
        responseHours: handled ? Math.round((Date.parse(handled.created_at) - createdMs) / 360_000) / 10 : null,
        satisfied: followUp ? followUp.satisfied === 1 : null,
        events: steps.map((e) => ({
          id: e.id,
          action: e.action,
          by: e.by,
          note: e.note,
          satisfied: e.satisfied === null ? null : e.satisfied === 1,
          createdAt: e.created_at,
        })),
      };
    });
  }

  function get(id: number): Complaint {
    const row = st().selectOne.get(id);
    if (!row) throw new AppError('NOT_FOUND', `complaint ${id} not found`, { details: { entity: 'complaint', id } });
    return toComplaints([row])[0]!;
  }

  const record = db.transaction((draft: z.output<typeof complaintDraftSchema>): Complaint => {
    requireWithinReach(ctx, draft.date);
    if (!st().customerExists.get(draft.customerId)) {
      throw new AppError('NOT_FOUND', `customer ${draft.customerId} not found`, { details: { entity: 'customer', id: draft.customerId } });
    }
    const id = st().insertComplaint.run({
      customerId: draft.customerId,
      kind: draft.kind,
      said: draft.said,
      date: draft.date ?? ctx.today(),
      now: isoNow(ctx),
    }).lastInsertRowid;
    return get(Number(id));
  });

  const step = db.transaction((s: z.output<typeof complaintStepSchema>): Complaint => {
    const before = get(s.complaintId);
    if (!STEPS_ALLOWED[before.status].includes(s.action)) {
      throw new AppError('COMPLAINT_STEP_NOT_ALLOWED', `a ${before.status} complaint cannot be ${s.action}`, {
        details: { status: before.status, action: s.action },
      });
    }
    const satisfied = s.satisfied === undefined ? null : s.satisfied ? 1 : 0;
    st().insertEvent.run({ complaintId: s.complaintId, action: s.action, by: s.by, note: s.note, satisfied, now: isoNow(ctx) });
    return get(s.complaintId);
  });

  const undoStep = db.transaction((complaintId: number): Complaint => {
    const last = get(complaintId).events.at(-1);
    if (!last) throw new AppError('NOT_FOUND', `complaint ${complaintId} has no step to undo`, { details: { entity: 'complaintStep', id: complaintId } });
    st().markUndone.run(isoNow(ctx), last.id);
    return get(complaintId);
  });

  function list(status: ComplaintStatus | 'all', customerId: number | null) {
    const all = toComplaints(st().selectAll.all({ customerId }));
    return {
      items: status === 'all' ? all : all.filter((c) => c.status === status),
      openTotal: all.filter((c) => c.status === 'open').length,
      overdueTotal: all.filter((c) => c.overdue).length,
    };
  }

  return { record, step, undoStep, list, get };
}

export type ComplaintsService = ReturnType<typeof createComplaintsService>;

export function complaintsHandlers({ complaints }: { complaints: ComplaintsService }): AreaHandlers<'complaints'> {
  return {
    'complaints.record': (draft) => complaints.record(draft),
    'complaints.step': (s) => complaints.step(s),
    'complaints.undoStep': ({ complaintId }) => complaints.undoStep(complaintId),
    'complaints.list': ({ status, customerId }) => complaints.list(status, customerId ?? null),
  };
}
