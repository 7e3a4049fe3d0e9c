-- Every page a sale dirties is written to the WAL and flushed before the sale is reported done
-- (synchronous=FULL): measured on the big shop, 14 pages a sale, each adding ~40 µs to the flush.
--
-- sales_by_customer_date only served one household's history, newest first; sales_by_customer_product
-- starts with the household too, so that history is now its few dozen rows sorted (0.15 ms). Its own
-- page a sale, and 57 MB of the big shop's 466 MB to copy and to check in every backup.
DROP INDEX sales_by_customer_date;
-- The totals of the call list found the reminders of archived products here, and nothing else did. With
-- the status and dates in its key, every new cycle moved each pair's entry (2.3 pages a sale, and a third
-- of a full recompute's reminder writes). An archived product now has no forecasts or reminders at all
-- (archiving plans them away, restoring brings them back from the sales), so the index goes.
DROP INDEX reminders_by_product;
DELETE FROM reminders WHERE product_id IN (SELECT id FROM products WHERE archived_at IS NOT NULL);
DELETE FROM forecasts WHERE product_id IN (SELECT id FROM products WHERE archived_at IS NOT NULL);
-- One index for the call list of the whole shop and of one area: reminders_by_due now holds the area,
-- so an area's rows are tested in it. The second index by area kept an area's totals a range of their
-- own (9 ms -> 1 ms each at 100k households), but its entry moved with every sale as well (2 to 6 pages a
-- sale, the most after a full recompute has packed its pages).
DROP INDEX reminders_by_area_due;
DROP INDEX reminders_by_due;
CREATE INDEX reminders_by_due ON reminders (status, coalesce(snoozed_until, due_date), run_out_date, snoozed_until, due_date, area);
