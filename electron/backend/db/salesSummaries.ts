import type Database from 'better-sqlite3';

/** The triggers on sales that keep the summaries (migration 0018). */
const TRIGGER_PREFIX = 'sales_summaries_';

/** The summaries summed again from the live sales: the migration's fill, one grouped pass each. */
const REBUILD = `
  DELETE FROM sales_daily;
  DELETE FROM customer_months;
  DELETE FROM customer_spans;
  INSERT INTO sales_daily (date, product_id, amount_fen, quantity, lines)
  SELECT date, product_id, sum(amount_fen), sum(quantity), count(*) FROM sales WHERE voided_at IS NULL GROUP BY date, product_id;
  INSERT INTO customer_months (customer_id, month, amount_fen, purchases, first_date, last_date)
  SELECT customer_id, substr(date, 1, 7), sum(amount_fen), count(*), min(date), max(date) FROM sales
  WHERE voided_at IS NULL AND customer_id IS NOT NULL GROUP BY customer_id, substr(date, 1, 7);
  INSERT INTO customer_spans (customer_id, first_date, last_date)
  SELECT customer_id, min(first_date), max(last_date) FROM customer_months GROUP BY customer_id;
`;

/**
 * Runs `write`, a load of a whole book's sales (the demo, the benchmark's big shop), without the triggers
 * that keep the sales summaries, then sums them again from the sales and puts the triggers back: three
 * upserts per sale cost a load of 387k sales 3-6 s, summing them afterwards under 1 s. Only inside a
 * transaction, so that a failed write rolls the drop back with it. A book of an earlier schema (the
 * migration tests' old books) has neither triggers nor summaries: `write` alone.
 */
export function withSalesSummariesRebuiltAfter<T>(db: Database.Database, write: () => T): T {
  if (!db.inTransaction) throw new Error('the sales summaries are rebuilt only inside a transaction');
  const triggers = db
    .prepare<[string], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'sales' AND name GLOB ? ORDER BY rowid",
    )
    .all(`${TRIGGER_PREFIX}*`);
  if (triggers.length === 0) return write();
  for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger.name}"`);
  const result = write();
  db.exec(REBUILD);
  for (const trigger of triggers) db.exec(trigger.sql);
  return result;
}
