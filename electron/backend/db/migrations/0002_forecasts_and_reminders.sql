-- Consumption forecasts, the reminder for each household and product, and the log of calls.

-- What the household said was left at home when it bought (the counter's "how much is left?").
ALTER TABLE sales ADD COLUMN stock_left REAL CHECK (stock_left IS NULL OR stock_left >= 0);
CREATE INDEX sales_by_customer_product ON sales (customer_id, product_id, date, id);
-- What a household owes, shown on every call-list row: summed from this small covering index of its
-- unpaid sales instead of visiting every sale of the household.
CREATE INDEX sales_unpaid_by_customer ON sales (customer_id, paid, voided_at, amount_fen) WHERE paid = 0 AND voided_at IS NULL;

-- Derived from sales and the household (shared/domain/forecast.ts); kept so the call list is a lookup.
CREATE TABLE forecasts (
  customer_id        INTEGER NOT NULL REFERENCES customers (id),
  product_id         INTEGER NOT NULL REFERENCES products (id),
  prior_daily_use    REAL NOT NULL,
  daily_use          REAL NOT NULL,
  observations       INTEGER NOT NULL,
  last_sale_id       INTEGER NOT NULL REFERENCES sales (id),
  last_purchase_date TEXT NOT NULL,
  last_quantity      REAL NOT NULL,
  stock_at_last      REAL NOT NULL,
  run_out_date       TEXT NOT NULL,
  reminder_date      TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  PRIMARY KEY (customer_id, product_id)
) WITHOUT ROWID;

-- One reminder per household and product: the current cycle, from its last purchase to the next.
-- A new purchase starts a new cycle (status back to open); calls and snoozes act on the current one.
CREATE TABLE reminders (
  customer_id   INTEGER NOT NULL REFERENCES customers (id),
  product_id    INTEGER NOT NULL REFERENCES products (id),
  cycle_sale_id INTEGER NOT NULL REFERENCES sales (id),
  -- open: on the list from due_date (or snoozed_until); skipped: not this cycle
  status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'skipped')),
  due_date      TEXT NOT NULL,
  run_out_date  TEXT NOT NULL,
  snoozed_until TEXT,
  outcome       TEXT,
  -- "how much is left at home?" answered on a call during this cycle
  stock_report      REAL,
  stock_report_date TEXT,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (customer_id, product_id)
) WITHOUT ROWID;
-- The call list walks this index in list order and stops at its limit.
CREATE INDEX reminders_by_due ON reminders (status, coalesce(snoozed_until, due_date), run_out_date);

-- Every call, visit or message, with what came of it; an undone entry stays, marked.
CREATE TABLE contacts (
  id            INTEGER PRIMARY KEY,
  customer_id   INTEGER NOT NULL REFERENCES customers (id),
  product_id    INTEGER REFERENCES products (id),
  kind          TEXT NOT NULL CHECK (kind IN ('call', 'visit', 'message', 'snooze', 'skip')),
  outcome       TEXT,
  follow_up     TEXT,
  stock_left    REAL CHECK (stock_left IS NULL OR stock_left >= 0),
  note          TEXT NOT NULL DEFAULT '',
  -- the reminder as it was before this entry, so that undo puts it back exactly
  previous      TEXT,
  created_at    TEXT NOT NULL,
  undone_at     TEXT
);
CREATE INDEX contacts_by_customer ON contacts (customer_id, created_at);

-- Search by area name, and the call list's delivery rounds by area.
CREATE INDEX customers_by_area ON customers (area, sort_key, id);
