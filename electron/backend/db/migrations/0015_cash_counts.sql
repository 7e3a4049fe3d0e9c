-- The day's close (日结): the cash counted in the drawer, as the shopkeeper typed it. Append-only: a recount
-- adds a row, the latest of a day counts, so the close shows every count it had (the difference is derived
-- from the day's records, never stored).
CREATE TABLE cash_counts (
  id          INTEGER PRIMARY KEY,
  date        TEXT NOT NULL,
  counted_fen INTEGER NOT NULL CHECK (counted_fen >= 0),
  note        TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL
);
CREATE INDEX cash_counts_by_date ON cash_counts (date, id);
-- The close reads a day's credit payments (those not taken with a slip) and the journal a range of days'
-- single sales (记一笔), voided ones too: without these, each read scanned its whole table.
CREATE INDEX payments_alone_by_date ON payments (date) WHERE slip_id IS NULL;
CREATE INDEX sales_alone_by_date ON sales (date, id) WHERE slip_id IS NULL;
