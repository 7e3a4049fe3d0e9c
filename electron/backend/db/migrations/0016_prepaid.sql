-- Prepaid plans (issue 18, item 3): water tickets (水票) and milk cards (奶卡) per product, and stored value
-- (储值). The owner's plans are terms to sell; what a household holds is derived from appended facts
-- (prepaid_entries: bought, drawn by a slip, refunded), never a stored balance. Voids mark rows.
CREATE TABLE prepaid_plans (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  -- tickets for this product; NULL: stored value
  product_id  INTEGER REFERENCES products (id),
  -- tickets paid for, or fen of stored value paid for (then equal to price_fen)
  units       INTEGER NOT NULL CHECK (units > 0),
  -- the free ones: tickets, or fen of stored value (充 500 送 50)
  bonus_units INTEGER NOT NULL DEFAULT 0 CHECK (bonus_units >= 0),
  price_fen   INTEGER NOT NULL CHECK (price_fen >= 0),
  -- a household holding this many or fewer (tickets, or fen) is a renewal call
  low_at      INTEGER NOT NULL DEFAULT 0 CHECK (low_at >= 0),
  refund_rule TEXT NOT NULL DEFAULT 'forfeitBonus' CHECK (refund_rule IN ('forfeitBonus', 'proRata')),
  archived_at TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK (product_id IS NOT NULL OR units = price_fen)
);

CREATE TABLE prepaid_entries (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  -- the account: tickets for this product; NULL: stored value
  product_id  INTEGER REFERENCES products (id),
  kind        TEXT NOT NULL CHECK (kind IN ('bought', 'drawn', 'refunded')),
  -- tickets or fen: in when bought, out (negative) when drawn or refunded
  units       INTEGER NOT NULL CHECK ((kind = 'bought' AND units > 0) OR (kind <> 'bought' AND units < 0)),
  -- bought: the free ones among units, and the terms as sold (a plan edited later changes no sold bundle)
  bonus_units INTEGER NOT NULL DEFAULT 0 CHECK (bonus_units >= 0 AND bonus_units < max(units, 1)),
  refund_rule TEXT CHECK (refund_rule IS NULL OR refund_rule IN ('forfeitBonus', 'proRata')),
  low_at      INTEGER,
  plan_id     INTEGER REFERENCES prepaid_plans (id),
  -- bought: the money paid; refunded: the money given back
  money_fen   INTEGER NOT NULL DEFAULT 0 CHECK (money_fen >= 0),
  method      TEXT CHECK (method IS NULL OR method IN ('cash', 'wechat', 'alipay', 'bank')),
  -- drawn: the slip (and for tickets its line) that drew them
  slip_id     INTEGER REFERENCES slips (id),
  sale_id     INTEGER REFERENCES sales (id),
  date        TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  voided_at   TEXT,
  void_reason TEXT
);
CREATE INDEX prepaid_entries_by_customer ON prepaid_entries (customer_id, product_id, id);
CREATE INDEX prepaid_entries_by_slip ON prepaid_entries (slip_id) WHERE slip_id IS NOT NULL;

-- Derived from the facts, refreshed in the same transaction as each fact of the account: what the account
-- holds and whether it is a renewal call (at or under the threshold of the bundle bought last, with no
-- refund since), so Today lists those calls without adding up every fact of the book.
CREATE TABLE prepaid_accounts (
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  -- NULL: stored value
  product_id  INTEGER REFERENCES products (id),
  left        INTEGER NOT NULL,
  -- the threshold of the bundle bought last; NULL after a refund (the household left the plan)
  low_at      INTEGER,
  bought_date TEXT,
  low         INTEGER NOT NULL CHECK (low IN (0, 1))
);
CREATE UNIQUE INDEX prepaid_accounts_by_key ON prepaid_accounts (customer_id, coalesce(product_id, 0));
CREATE INDEX prepaid_accounts_low ON prepaid_accounts (left) WHERE low = 1;

-- A slip may now be paid (partly) by tickets or stored value: the method's CHECK is widened, which
-- SQLite does by rebuilding the table (migrate.ts runs this with foreign-key enforcement off).
CREATE TABLE slip_payments_new (
  slip_id    INTEGER NOT NULL REFERENCES slips (id),
  method     TEXT NOT NULL CHECK (method IN ('cash', 'wechat', 'alipay', 'bank', 'credit', 'tickets', 'stored')),
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  PRIMARY KEY (slip_id, method)
) WITHOUT ROWID;
INSERT INTO slip_payments_new (slip_id, method, amount_fen) SELECT slip_id, method, amount_fen FROM slip_payments;
DROP TABLE slip_payments;
ALTER TABLE slip_payments_new RENAME TO slip_payments;
