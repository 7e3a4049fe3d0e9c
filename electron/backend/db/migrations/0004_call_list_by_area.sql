-- The call list of one delivery round, and a full forecast recompute that reads only an index.

-- Indexes that 0002 and 0003 first shipped narrower or without: books made then get them here.
-- The call list walks reminders_by_due in list order and stops at its limit; its totals count ranges of
-- it. snoozed_until and due_date are in it so that SQLite tests the range on coalesce() from the index
-- alone: without them it re-reads every row of the table (95k due reminders: 170 ms instead of 7 ms).
DROP INDEX IF EXISTS reminders_by_due;
CREATE INDEX reminders_by_due ON reminders (status, coalesce(snoozed_until, due_date), run_out_date, snoozed_until, due_date);
-- The totals subtract the few reminders of archived products (found here) and archived customers.
CREATE INDEX IF NOT EXISTS reminders_by_product ON reminders (product_id, status, snoozed_until, due_date);
CREATE INDEX IF NOT EXISTS customers_archived ON customers (id) WHERE archived_at IS NOT NULL;
-- The collection list walks debts oldest first and stops at its limit; its totals read the other index alone.
CREATE INDEX IF NOT EXISTS balances_by_oldest ON balances (oldest_unpaid_date) WHERE balance_fen > 0;
DROP INDEX IF EXISTS balances_by_collect_from;
CREATE INDEX balances_by_collect_from ON balances (coalesce(snoozed_until, collect_from), balance_fen) WHERE balance_fen > 0;

-- The household's area, copied onto its reminders so that one area's list and totals are a range of
-- one index, like the whole list: walking the area's customers instead took 300 ms at 100k households.
ALTER TABLE reminders ADD COLUMN area TEXT NOT NULL DEFAULT '';
UPDATE reminders SET area = (SELECT c.area FROM customers c WHERE c.id = reminders.customer_id);
CREATE INDEX reminders_by_area_due ON reminders (status, area, coalesce(snoozed_until, due_date), run_out_date, snoozed_until, due_date);
-- Kept in step here rather than in every service that may change an area (edit, import merge, restore).
CREATE TRIGGER customers_area_to_reminders AFTER UPDATE OF area ON customers WHEN NEW.area IS NOT OLD.area
BEGIN
  UPDATE reminders SET area = NEW.area WHERE customer_id = NEW.id;
END;

-- Everything a forecast reads from a sale, so that refreshing a pair or recomputing them all never
-- visits the sales table itself (2M sales: the table lookups were most of a 55 s recompute).
DROP INDEX sales_by_customer_product;
CREATE INDEX sales_by_customer_product ON sales (customer_id, product_id, date, id, voided_at, quantity, stock_left);
