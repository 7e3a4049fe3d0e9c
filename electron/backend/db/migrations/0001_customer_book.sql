-- The customer book: settings, households (with their phones and search index), products, sales.
-- Money is integer fen; business dates are 'YYYY-MM-DD'; timestamps ISO UTC.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE customers (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  sort_key    TEXT NOT NULL,
  address     TEXT NOT NULL DEFAULT '',
  area        TEXT NOT NULL DEFAULT '',
  adults      INTEGER NOT NULL CHECK (adults BETWEEN 0 AND 30),
  children    INTEGER NOT NULL CHECK (children BETWEEN 0 AND 30),
  seniors     INTEGER NOT NULL CHECK (seniors BETWEEN 0 AND 30),
  -- day of month 1..31; 0 = the last day of every month; NULL = none
  payday      INTEGER CHECK (payday IS NULL OR payday BETWEEN 0 AND 31),
  tags        TEXT NOT NULL DEFAULT '[]',
  notes       TEXT NOT NULL DEFAULT '',
  archived_at TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK (adults + children + seniors >= 1)
);
CREATE INDEX customers_by_sort_key ON customers (sort_key, id);

CREATE TABLE customer_phones (
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  position    INTEGER NOT NULL,
  phone       TEXT NOT NULL CHECK (length(phone) BETWEEN 5 AND 15),
  PRIMARY KEY (customer_id, position)
) WITHOUT ROWID;
CREATE INDEX customer_phones_by_phone ON customer_phones (phone);

-- Search, long queries (3+ characters): any substring of any of these columns. rowid = customers.id.
CREATE VIRTUAL TABLE customer_fts USING fts5 (name, pinyin, initials, phones, address, tokenize = 'trigram');

-- Search, short queries (1-2 characters): see shared/domain/searchKeys.ts.
CREATE TABLE customer_grams (
  gram        TEXT NOT NULL,
  rank        INTEGER NOT NULL,
  sort_key    TEXT NOT NULL,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  PRIMARY KEY (gram, rank, sort_key, customer_id)
) WITHOUT ROWID;
CREATE INDEX customer_grams_by_customer ON customer_grams (customer_id);

CREATE TABLE products (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  unit        TEXT NOT NULL CHECK (unit IN ('kg', 'jin', 'bucket', 'bottle', 'cylinder', 'litre')),
  price_fen   INTEGER NOT NULL CHECK (price_fen >= 0),
  -- units per person per day, by age group
  use_adult   REAL NOT NULL CHECK (use_adult >= 0),
  use_child   REAL NOT NULL CHECK (use_child >= 0),
  use_senior  REAL NOT NULL CHECK (use_senior >= 0),
  lead_days   INTEGER NOT NULL DEFAULT 3 CHECK (lead_days BETWEEN 0 AND 60),
  archived_at TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE TABLE sales (
  id               INTEGER PRIMARY KEY,
  customer_id      INTEGER NOT NULL REFERENCES customers (id),
  product_id       INTEGER NOT NULL REFERENCES products (id),
  quantity         REAL NOT NULL CHECK (quantity > 0),
  unit_price_fen   INTEGER NOT NULL CHECK (unit_price_fen >= 0),
  amount_fen       INTEGER NOT NULL CHECK (amount_fen >= 0),
  paid             INTEGER NOT NULL CHECK (paid IN (0, 1)),
  date             TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  voided_at        TEXT,
  void_reason      TEXT,
  -- a correction points at the sale it replaces; the original stays, voided
  replaces_sale_id INTEGER REFERENCES sales (id)
);
CREATE INDEX sales_by_customer_date ON sales (customer_id, date DESC, id DESC);
CREATE INDEX sales_by_replaced ON sales (replaces_sale_id) WHERE replaces_sale_id IS NOT NULL;
