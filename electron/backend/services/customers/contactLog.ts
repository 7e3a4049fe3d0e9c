/** The log of calls and visits (contacts): written by reminders and collections, each entry undoable. */
import type { Contact } from '../../../../shared/contract.ts';
import { AppError } from '../../../../shared/errors.ts';
import type { BackendContext } from '../../context.ts';

export interface ContactDbRow {
  id: number;
  customer_id: number;
  product_id: number | null;
  product_name: string | null;
  kind: Contact['kind'];
  outcome: string | null;
  follow_up: string | null;
  stock_left: number | null;
  note: string;
  previous: string | null;
  created_at: string;
  undone_at: string | null;
}

export interface NewContact {
  customerId: number;
  productId: number | null;
  kind: Contact['kind'];
  outcome: string | null;
  followUp: string | null;
  stockLeft: number | null;
  note: string;
  /** The state the entry changed, as it was before, so undo can put it back. */
  previous: unknown;
  now: string;
}

export function toContact(r: ContactDbRow): Contact {
  return {
    id: r.id,
    customerId: r.customer_id,
    productId: r.product_id,
    productName: r.product_name,
    kind: r.kind,
    outcome: r.outcome,
    followUp: r.follow_up,
    stockLeft: r.stock_left,
    note: r.note,
    createdAt: r.created_at,
    undoneAt: r.undone_at,
  };
}

export function createContactLog(ctx: BackendContext) {
  const { db } = ctx;
  const insert = db.prepare(
    `INSERT INTO contacts (customer_id, product_id, kind, outcome, follow_up, stock_left, note, previous, created_at)
     VALUES (:customerId, :productId, :kind, :outcome, :followUp, :stockLeft, :note, :previous, :now)`,
  );
  const columns = `k.id, k.customer_id, k.product_id, p.name AS product_name, k.kind, k.outcome, k.follow_up, k.stock_left,
    k.note, k.previous, k.created_at, k.undone_at`;
  const selectOne = db.prepare<[number], ContactDbRow>(`SELECT ${columns} FROM contacts k LEFT JOIN products p ON p.id = k.product_id WHERE k.id = ?`);
  const markUndone = db.prepare('UPDATE contacts SET undone_at = ? WHERE id = ?');
  const selectOfCustomer = db.prepare<[number, number], ContactDbRow>(
    `SELECT ${columns} FROM contacts k LEFT JOIN products p ON p.id = k.product_id
     WHERE k.customer_id = ? ORDER BY k.created_at DESC, k.id DESC LIMIT ?`,
  );
  const laterActive = db.prepare<[number, number | null, number], { id: number }>(
    'SELECT id FROM contacts WHERE customer_id = ? AND product_id IS ? AND id > ? AND undone_at IS NULL LIMIT 1',
  );

  function get(id: number): ContactDbRow {
    const row = selectOne.get(id);
    if (!row) throw new AppError('NOT_FOUND', `contact ${id} not found`, { details: { entity: 'contact', id } });
    return row;
  }

  return {
    add(entry: NewContact): Contact {
      const id = insert.run({ ...entry, previous: JSON.stringify(entry.previous) }).lastInsertRowid;
      return toContact(get(Number(id)));
    },
    get,
    listForCustomer: (customerId: number, limit: number) => selectOfCustomer.all(customerId, limit).map(toContact),
    /**
     * Undo restores the state an entry found; after a later entry on the same reminder or debt, that
     * state would silently wipe the later one. So undo goes newest first.
     */
    refuseIfSuperseded(row: ContactDbRow) {
      const later = laterActive.get(row.customer_id, row.product_id, row.id);
      if (later) throw new AppError('UNDO_SUPERSEDED', `contact ${row.id} was followed by contact ${later.id}`, { details: { laterContactId: later.id } });
    },
    markUndone(id: number, now: string): Contact {
      markUndone.run(now, id);
      return toContact(get(id));
    },
  };
}
export type ContactLog = ReturnType<typeof createContactLog>;
