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
-- The last day on Today (lapsesOn): computed, never written, so a snooze or a new cycle moves it at once.
ALTER TABLE reminders ADD COLUMN lapses_on TEXT
  GENERATED ALWAYS AS (date(max(run_out_date, coalesce(snoozed_until, due_date)), '+' || cycle_days || ' days')) VIRTUAL;
-- The "not heard from" list and its count are a range of this index (newest lapsed first), an area's
-- tested in it. Its entry moves with each new cycle: one more index write a sale.
CREATE INDEX reminders_by_lapse ON reminders (status, lapses_on, area);
-- What was done today (Today's "done" part): the day's contacts, a range by time.
CREATE INDEX contacts_by_time ON contacts (created_at);
