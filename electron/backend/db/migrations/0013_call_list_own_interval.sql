-- Today keeps a reminder nobody acted on until the household is overdue by more than its own usual
-- interval (shared/domain/callList.ts: cycleDays, lapsesOn), not a fixed 30 days for everyone.
--
-- The interval is stored on the reminder (forecasts.ts writes it with the reminder, from the forecast's
-- last quantity and daily use); filled here by the same rule for the reminders already there.
ALTER TABLE reminders ADD COLUMN cycle_days INTEGER NOT NULL DEFAULT 7;
UPDATE reminders SET cycle_days = (
  SELECT max(7, min(365, CAST(round(f.last_quantity / f.daily_use) AS INTEGER)))
  FROM forecasts f WHERE f.customer_id = reminders.customer_id AND f.product_id = reminders.product_id AND f.daily_use > 0 AND f.last_quantity > 0)
WHERE EXISTS (
  SELECT 1 FROM forecasts f WHERE f.customer_id = reminders.customer_id AND f.product_id = reminders.product_id AND f.daily_use > 0 AND f.last_quantity > 0);
-- The last day on Today (lapsesOn), kept by these triggers whoever writes the reminder (a new cycle,
-- a snooze, an undo). A plain column, not a generated one: SQLite reads the table row for every entry
-- of an index on a generated column, so counting the lapsed at 100k households took 30-56 ms instead
-- of 0.2 ms.
ALTER TABLE reminders ADD COLUMN lapses_on TEXT NOT NULL DEFAULT '';
UPDATE reminders SET lapses_on = date(max(run_out_date, coalesce(snoozed_until, due_date)), '+' || cycle_days || ' days');
CREATE TRIGGER reminders_lapse_on_insert AFTER INSERT ON reminders BEGIN
  UPDATE reminders SET lapses_on = date(max(NEW.run_out_date, coalesce(NEW.snoozed_until, NEW.due_date)), '+' || NEW.cycle_days || ' days')
  WHERE customer_id = NEW.customer_id AND product_id = NEW.product_id;
END;
CREATE TRIGGER reminders_lapse_on_update AFTER UPDATE OF due_date, run_out_date, snoozed_until, cycle_days ON reminders
WHEN NEW.lapses_on IS NOT date(max(NEW.run_out_date, coalesce(NEW.snoozed_until, NEW.due_date)), '+' || NEW.cycle_days || ' days') BEGIN
  UPDATE reminders SET lapses_on = date(max(NEW.run_out_date, coalesce(NEW.snoozed_until, NEW.due_date)), '+' || NEW.cycle_days || ' days')
  WHERE customer_id = NEW.customer_id AND product_id = NEW.product_id;
END;
-- The "not heard from" list and its count are a range of this index (newest lapsed first), an area's
-- tested in it. Its entry moves with each new cycle: one more index write a sale.
CREATE INDEX reminders_by_lapse ON reminders (status, lapses_on, area);
-- What was done today (Today's "done" part): the day's contacts, a range by time.
CREATE INDEX contacts_by_time ON contacts (created_at);
