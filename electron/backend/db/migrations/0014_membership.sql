-- Membership (issue 19, item 5). Points are never stored: they are summed from the household's live sales
-- at the rate in force on each sale's date, less the points redeemed on slips still standing.

-- The owner's rules, as set: every change is a row, so a new rate applies from its date on and never
-- rewrites the points earned before it. The last row is the rules in force.
CREATE TABLE member_rules (
  id                   INTEGER PRIMARY KEY,
  from_date            TEXT NOT NULL,
  points_per_yuan      REAL NOT NULL CHECK (points_per_yuan >= 0),
  points_per_yuan_off  INTEGER NOT NULL CHECK (points_per_yuan_off > 0),
  -- percent off per level
  discount_vip         REAL NOT NULL CHECK (discount_vip BETWEEN 0 AND 90),
  discount_key         REAL NOT NULL CHECK (discount_key BETWEEN 0 AND 90),
  discount_regular     REAL NOT NULL CHECK (discount_regular BETWEEN 0 AND 90),
  discount_paid        REAL NOT NULL CHECK (discount_paid BETWEEN 0 AND 90),
  price_fen            INTEGER NOT NULL CHECK (price_fen >= 0),
  days                 INTEGER NOT NULL CHECK (days > 0),
  created_at           TEXT NOT NULL
);

-- A bought (paid) membership: its price as paid and the days it runs. Voided, never deleted.
CREATE TABLE memberships (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  start_date  TEXT NOT NULL,
  end_date    TEXT NOT NULL,
  price_fen   INTEGER NOT NULL CHECK (price_fen >= 0),
  method      TEXT NOT NULL CHECK (method IN ('cash', 'wechat', 'alipay', 'bank')),
  created_at  TEXT NOT NULL,
  voided_at   TEXT,
  void_reason TEXT,
  CHECK (end_date >= start_date)
);
CREATE INDEX memberships_by_customer ON memberships (customer_id, end_date);

-- Points spent on a slip, as a discount spread over its lines (their amounts are what was charged). It
-- counts while its slip stands: voiding the slip (or its last line) gives the points back.
CREATE TABLE point_redemptions (
  slip_id     INTEGER PRIMARY KEY REFERENCES slips (id),
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  points      INTEGER NOT NULL CHECK (points > 0),
  value_fen   INTEGER NOT NULL CHECK (value_fen > 0),
  created_at  TEXT NOT NULL
);
CREATE INDEX point_redemptions_by_customer ON point_redemptions (customer_id);
