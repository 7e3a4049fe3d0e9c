-- Today pages through its due list as the screen scrolls (at 100,000 households some 14,000 reminders
-- become due on one day: a first page of 200 showed 1.4 % of them). Each page continues after the last
-- row of the one before, so the index holds the household and product right after the run-out date:
-- "after this row" is then one range of it, read in list order. Same columns, same size, as before.
DROP INDEX reminders_by_due;
CREATE INDEX reminders_by_due ON reminders (status, coalesce(snoozed_until, due_date), run_out_date, customer_id, product_id, snoozed_until, due_date, area);
-- Promised deliveries and visits head Today whatever their date: a handful, found here without walking
-- every due reminder (the call list's query names no other index it could take: see callList.ts).
CREATE INDEX reminders_promised ON reminders (snoozed_until) WHERE outcome IN ('deliver', 'will_come');
