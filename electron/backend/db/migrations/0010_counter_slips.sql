-- The counter slip (开单): several lines, one payment or a split, an optional household. Its lines are
-- sales rows (sales.slip_id), so forecasts, the credit book and a household's history read them as they
-- read any sale; a walk-in (散客) slip's lines have no household (sales.customer_id NULL).
CREATE TABLE slips (
  id          INTEGER PRIMARY KEY,
  -- NULL: a walk-in slip
  customer_id INTEGER REFERENCES customers (id),
  date        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  voided_at   TEXT,
  void_reason TEXT
);
CREATE INDEX slips_by_date ON slips (date, id);
CREATE INDEX slips_by_customer ON slips (customer_id, date, id) WHERE customer_id IS NOT NULL;
-- How the slip was paid, as tendered at the counter: one row per method, the part on credit included.
CREATE TABLE slip_payments (
  slip_id    INTEGER NOT NULL REFERENCES slips (id),
  method     TEXT NOT NULL CHECK (method IN ('cash', 'wechat', 'alipay', 'bank', 'credit')),
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  PRIMARY KEY (slip_id, method)
) WITHOUT ROWID;
-- A slip partly on credit puts its lines on credit and the money taken at the counter in the credit book
-- as payments of that slip: the household then owes exactly the credit part, by the book's own rules.
ALTER TABLE payments ADD COLUMN slip_id INTEGER REFERENCES slips (id);

-- sales.customer_id becomes optional: SQLite cannot drop a NOT NULL, so the table is rebuilt (its
-- documented procedure; migrate.ts runs migrations with foreign-key enforcement off and checks after).
CREATE TABLE sales_new (
  id               INTEGER PRIMARY KEY,
  -- NULL: a line of a walk-in slip (no household, no forecast, never on credit)
  customer_id      INTEGER REFERENCES customers (id),
  product_id       INTEGER NOT NULL REFERENCES products (id),
  quantity         REAL NOT NULL CHECK (quantity > 0),
  unit_price_fen   INTEGER NOT NULL CHECK (unit_price_fen >= 0),
  amount_fen       INTEGER NOT NULL CHECK (amount_fen >= 0),
  paid             INTEGER NOT NULL CHECK (paid IN (0, 1)),
  date             TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  voided_at        TEXT,
  void_reason      TEXT,
  replaces_sale_id INTEGER REFERENCES sales (id),
  stock_left       REAL CHECK (stock_left IS NULL OR stock_left >= 0),
  slip_id          INTEGER REFERENCES slips (id),
  CHECK (customer_id IS NOT NULL OR paid = 1)
);
INSERT INTO sales_new (id, customer_id, product_id, quantity, unit_price_fen, amount_fen, paid, date, created_at, voided_at, void_reason,
  replaces_sale_id, stock_left)
SELECT id, customer_id, product_id, quantity, unit_price_fen, amount_fen, paid, date, created_at, voided_at, void_reason,
  replaces_sale_id, stock_left FROM sales ORDER BY id;
DROP TABLE sales;
ALTER TABLE sales_new RENAME TO sales;
CREATE INDEX sales_by_replaced ON sales (replaces_sale_id) WHERE replaces_sale_id IS NOT NULL;
CREATE INDEX sales_unpaid_by_customer ON sales (customer_id, paid, voided_at, amount_fen) WHERE paid = 0 AND voided_at IS NULL;
CREATE INDEX sales_by_customer_product ON sales (customer_id, product_id, date, id, voided_at, quantity, stock_left);
CREATE INDEX sales_by_slip ON sales (slip_id) WHERE slip_id IS NOT NULL;
-- The owner's view's index of live sales by date (0008), which went with the old table.
CREATE INDEX sales_by_date ON sales (date, customer_id, product_id, amount_fen, quantity) WHERE voided_at IS NULL;
