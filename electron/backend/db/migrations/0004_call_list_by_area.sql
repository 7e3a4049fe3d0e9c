-- The call list of one delivery round, and a full forecast recompute that reads only an index.

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
