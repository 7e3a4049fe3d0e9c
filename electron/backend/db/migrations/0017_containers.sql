-- Containers and deposits (押桶 / 欠桶): the buckets, bottles, milk boxes and cylinders that belong to the
-- shop. A product may name the container it goes out in and the deposit asked for one. What a slip moves
-- is appended: containers out and back in, deposits paid and refunded; what a household holds, owes and
-- has on deposit is derived from these rows (shared/domain/containers.ts), never stored.
ALTER TABLE products ADD COLUMN container TEXT CHECK (container IN ('bucket', 'bottle', 'milk_box', 'cylinder'));
ALTER TABLE products ADD COLUMN deposit_fen INTEGER NOT NULL DEFAULT 0 CHECK (deposit_fen >= 0);

CREATE TABLE container_moves (
  id          INTEGER PRIMARY KEY,
  slip_id     INTEGER NOT NULL REFERENCES slips (id),
  -- NULL: a walk-in slip (empties swapped for full ones, any more on a deposit each: nobody owes them)
  customer_id INTEGER REFERENCES customers (id),
  container   TEXT NOT NULL CHECK (container IN ('bucket', 'bottle', 'milk_box', 'cylinder')),
  out_count   INTEGER NOT NULL CHECK (out_count >= 0),
  in_count    INTEGER NOT NULL CHECK (in_count >= 0),
  date        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  -- voided with its slip
  voided_at   TEXT,
  void_reason TEXT,
  CHECK (out_count + in_count > 0)
);
CREATE INDEX container_moves_by_slip ON container_moves (slip_id);
CREATE INDEX container_moves_by_customer ON container_moves (customer_id, container) WHERE customer_id IS NOT NULL;

-- A deposit paid for `count` containers at `unit_fen` each, or a refund of `count` of them: a refund is
-- at the prices paid back then, oldest first, and `amount_fen` is what was paid back at the counter.
CREATE TABLE container_deposits (
  id          INTEGER PRIMARY KEY,
  slip_id     INTEGER NOT NULL REFERENCES slips (id),
  customer_id INTEGER REFERENCES customers (id),
  container   TEXT NOT NULL CHECK (container IN ('bucket', 'bottle', 'milk_box', 'cylinder')),
  kind        TEXT NOT NULL CHECK (kind IN ('paid', 'refunded') AND (customer_id IS NOT NULL OR kind = 'paid')),
  count       INTEGER NOT NULL CHECK (count > 0),
  -- a payment's price per container; NULL on a refund (it drew on several payments' prices)
  unit_fen    INTEGER CHECK ((kind = 'paid' AND unit_fen >= 0) OR (kind = 'refunded' AND unit_fen IS NULL)),
  amount_fen  INTEGER NOT NULL CHECK (amount_fen >= 0),
  date        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  voided_at   TEXT,
  void_reason TEXT
);
CREATE INDEX container_deposits_by_slip ON container_deposits (slip_id);
CREATE INDEX container_deposits_by_customer ON container_deposits (customer_id, container, date, id) WHERE customer_id IS NOT NULL;
