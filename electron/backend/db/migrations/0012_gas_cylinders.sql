-- The gas cylinder register (the bottled-gas shop's legal record): cylinders by serial or QR text with
-- their fill, inspection and scrap dates; who holds which, as appended issued / returned events (the
-- holder is the latest event, services/gas/gas.ts, never stored); home safety checks per household,
-- appended; and each gas sale made despite a supply hold, with the shopkeeper's reason.
CREATE TABLE gas_cylinders (
  id                   INTEGER PRIMARY KEY,
  serial               TEXT NOT NULL COLLATE NOCASE UNIQUE,
  size_kg              REAL NOT NULL CHECK (size_kg > 0),
  fill_date            TEXT,
  last_inspection_date TEXT,
  next_inspection_date TEXT NOT NULL,
  scrap_date           TEXT NOT NULL CHECK (fill_date IS NULL OR scrap_date >= fill_date),
  note                 TEXT NOT NULL DEFAULT '',
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
);

CREATE TABLE gas_cylinder_events (
  id          INTEGER PRIMARY KEY,
  cylinder_id INTEGER NOT NULL REFERENCES gas_cylinders (id),
  kind        TEXT NOT NULL CHECK (kind IN ('issued', 'returned')),
  -- the household it went to, or came back from
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  date        TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX gas_cylinder_events_by_cylinder ON gas_cylinder_events (cylinder_id, id);
CREATE INDEX gas_cylinder_events_by_customer ON gas_cylinder_events (customer_id);

CREATE TABLE gas_checks (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  date        TEXT NOT NULL,
  -- JSON array of the items checked (hose, valve, regulator, ventilation, appliance, leak)
  items       TEXT NOT NULL DEFAULT '[]',
  result      TEXT NOT NULL CHECK (result IN ('pass', 'fail', 'refused')),
  next_due    TEXT,
  by          TEXT NOT NULL DEFAULT '',
  note        TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL
);
CREATE INDEX gas_checks_by_customer ON gas_checks (customer_id, date, id);

CREATE TABLE gas_hold_overrides (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  sale_id     INTEGER NOT NULL REFERENCES sales (id),
  -- the check that held the supply, and why (refused / failed), as it stood then
  check_id    INTEGER NOT NULL REFERENCES gas_checks (id),
  hold_reason TEXT NOT NULL CHECK (hold_reason IN ('refused', 'failed')),
  reason      TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX gas_hold_overrides_by_customer ON gas_hold_overrides (customer_id, id);
