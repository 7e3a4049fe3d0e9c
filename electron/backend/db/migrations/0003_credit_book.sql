-- The credit book: payments, an optional credit limit, and each household's derived balance.

ALTER TABLE customers ADD COLUMN credit_limit_fen INTEGER CHECK (credit_limit_fen IS NULL OR credit_limit_fen >= 0);

CREATE TABLE payments (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
  method      TEXT NOT NULL CHECK (method IN ('cash', 'wechat', 'alipay', 'bank')),
  date        TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  voided_at   TEXT,
  void_reason TEXT
);
CREATE INDEX payments_by_customer ON payments (customer_id, date, id);

-- Derived from credit sales and payments (shared/domain/credit.ts), refreshed in the same
-- transaction as every sale or payment of the household: the collection list is a range scan.
CREATE TABLE balances (
  customer_id        INTEGER PRIMARY KEY REFERENCES customers (id),
  credit_fen         INTEGER NOT NULL,
  paid_fen           INTEGER NOT NULL,
  balance_fen        INTEGER NOT NULL,
  oldest_unpaid_date TEXT,
  -- the day this debt goes on the collection list (first payday after oldest_unpaid_date)
  collect_from       TEXT,
  -- not derived: what came of the last collection call, and until when it is off the list
  snoozed_until      TEXT,
  outcome            TEXT,
  updated_at         TEXT NOT NULL
);
CREATE INDEX balances_by_collect_from ON balances (coalesce(snoozed_until, collect_from)) WHERE balance_fen > 0;
