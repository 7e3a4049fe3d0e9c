-- The owner's view reads sums of the live sales, not the sales: grouping ~2M sales by month, product or
-- household sorted them all on every call (owner.home 4-8 s, the pyramid 5 s at 100k households). These
-- tables hold the sums, kept by triggers in the same transaction as every write to the sales (a sale, a
-- slip, a correction, a void and its undo, an import), and filled here from the sales already there.
--
-- The live sales by day and product, walk-in lines included (~10 rows a day): takings, months, products.
CREATE TABLE sales_daily (
  date       TEXT NOT NULL,
  product_id INTEGER NOT NULL,
  amount_fen INTEGER NOT NULL,
  quantity   REAL NOT NULL,
  lines      INTEGER NOT NULL,
  PRIMARY KEY (date, product_id)
) WITHOUT ROWID;
-- A household's live sales in a calendar month ('YYYY-MM'): households per month, the pyramid's spend.
-- Walk-in lines (no household) are in sales_daily only.
CREATE TABLE customer_months (
  customer_id INTEGER NOT NULL,
  month       TEXT NOT NULL,
  amount_fen  INTEGER NOT NULL,
  -- sales rows (lines), as the pyramid's frequency has always counted them
  purchases   INTEGER NOT NULL,
  first_date  TEXT NOT NULL,
  last_date   TEXT NOT NULL,
  PRIMARY KEY (customer_id, month)
) WITHOUT ROWID;
CREATE INDEX customer_months_by_month ON customer_months (month, customer_id);
-- A household's first and last live purchase: households new and lost per month.
CREATE TABLE customer_spans (
  customer_id INTEGER PRIMARY KEY,
  first_date  TEXT NOT NULL,
  last_date   TEXT NOT NULL
);
CREATE INDEX customer_spans_by_first ON customer_spans (first_date);

INSERT INTO sales_daily (date, product_id, amount_fen, quantity, lines)
SELECT date, product_id, sum(amount_fen), sum(quantity), count(*) FROM sales WHERE voided_at IS NULL GROUP BY date, product_id;
INSERT INTO customer_months (customer_id, month, amount_fen, purchases, first_date, last_date)
SELECT customer_id, substr(date, 1, 7), sum(amount_fen), count(*), min(date), max(date) FROM sales
WHERE voided_at IS NULL AND customer_id IS NOT NULL GROUP BY customer_id, substr(date, 1, 7);
INSERT INTO customer_spans (customer_id, first_date, last_date)
SELECT customer_id, min(first_date), max(last_date) FROM customer_months GROUP BY customer_id;

-- A new live sale adds itself: the one path a bulk load takes, so it only adds (no read of the sales).
CREATE TRIGGER sales_summaries_insert AFTER INSERT ON sales WHEN NEW.voided_at IS NULL BEGIN
  INSERT INTO sales_daily (date, product_id, amount_fen, quantity, lines) VALUES (NEW.date, NEW.product_id, NEW.amount_fen, NEW.quantity, 1)
  ON CONFLICT DO UPDATE SET amount_fen = amount_fen + excluded.amount_fen, quantity = quantity + excluded.quantity, lines = lines + 1;
  INSERT INTO customer_months (customer_id, month, amount_fen, purchases, first_date, last_date)
  SELECT NEW.customer_id, substr(NEW.date, 1, 7), NEW.amount_fen, 1, NEW.date, NEW.date WHERE NEW.customer_id IS NOT NULL
  ON CONFLICT DO UPDATE SET amount_fen = amount_fen + excluded.amount_fen, purchases = purchases + 1,
    first_date = min(first_date, excluded.first_date), last_date = max(last_date, excluded.last_date);
  INSERT INTO customer_spans (customer_id, first_date, last_date) SELECT NEW.customer_id, NEW.date, NEW.date WHERE NEW.customer_id IS NOT NULL
  ON CONFLICT DO UPDATE SET first_date = min(first_date, excluded.first_date), last_date = max(last_date, excluded.last_date)
  WHERE excluded.first_date < first_date OR excluded.last_date > last_date;
END;

-- Anything else (a void, its undo; the app changes no other column of a sale, but a change of one is
-- counted right too): the old row's part taken off sales_daily and the new row's added, then the
-- household's month and span read again from the sales (a handful of rows through the household's index),
-- since a first or last date cannot be taken off.
CREATE TRIGGER sales_summaries_update AFTER UPDATE OF voided_at, date, product_id, customer_id, amount_fen, quantity ON sales
WHEN OLD.voided_at IS NULL OR NEW.voided_at IS NULL BEGIN
  INSERT INTO sales_daily (date, product_id, amount_fen, quantity, lines)
  SELECT OLD.date, OLD.product_id, -OLD.amount_fen, -OLD.quantity, -1 WHERE OLD.voided_at IS NULL
  ON CONFLICT DO UPDATE SET amount_fen = amount_fen + excluded.amount_fen, quantity = quantity + excluded.quantity, lines = lines + excluded.lines;
  INSERT INTO sales_daily (date, product_id, amount_fen, quantity, lines)
  SELECT NEW.date, NEW.product_id, NEW.amount_fen, NEW.quantity, 1 WHERE NEW.voided_at IS NULL
  ON CONFLICT DO UPDATE SET amount_fen = amount_fen + excluded.amount_fen, quantity = quantity + excluded.quantity, lines = lines + excluded.lines;
  DELETE FROM sales_daily WHERE date = OLD.date AND product_id = OLD.product_id AND lines = 0;
  DELETE FROM customer_months WHERE (customer_id, month) IN (VALUES (OLD.customer_id, substr(OLD.date, 1, 7)), (NEW.customer_id, substr(NEW.date, 1, 7)));
  INSERT INTO customer_months (customer_id, month, amount_fen, purchases, first_date, last_date)
  SELECT s.customer_id, substr(s.date, 1, 7), sum(s.amount_fen), count(*), min(s.date), max(s.date)
  FROM (SELECT OLD.customer_id AS customer_id, substr(OLD.date, 1, 7) AS month UNION SELECT NEW.customer_id, substr(NEW.date, 1, 7)) k
  JOIN sales s ON s.customer_id = k.customer_id AND s.date BETWEEN k.month || '-01' AND k.month || '-31'
  WHERE s.voided_at IS NULL GROUP BY s.customer_id, substr(s.date, 1, 7);
  DELETE FROM customer_spans WHERE customer_id IN (OLD.customer_id, NEW.customer_id);
  INSERT INTO customer_spans (customer_id, first_date, last_date)
  SELECT customer_id, min(first_date), max(last_date) FROM customer_months WHERE customer_id IN (OLD.customer_id, NEW.customer_id) GROUP BY customer_id;
END;

-- The app deletes no sale; a deleted live one is taken off like a void.
CREATE TRIGGER sales_summaries_delete AFTER DELETE ON sales WHEN OLD.voided_at IS NULL BEGIN
  UPDATE sales_daily SET amount_fen = amount_fen - OLD.amount_fen, quantity = quantity - OLD.quantity, lines = lines - 1
  WHERE date = OLD.date AND product_id = OLD.product_id;
  DELETE FROM sales_daily WHERE date = OLD.date AND product_id = OLD.product_id AND lines = 0;
  DELETE FROM customer_months WHERE customer_id = OLD.customer_id AND month = substr(OLD.date, 1, 7);
  INSERT INTO customer_months (customer_id, month, amount_fen, purchases, first_date, last_date)
  SELECT customer_id, substr(date, 1, 7), sum(amount_fen), count(*), min(date), max(date) FROM sales
  WHERE customer_id = OLD.customer_id AND date BETWEEN substr(OLD.date, 1, 7) || '-01' AND substr(OLD.date, 1, 7) || '-31' AND voided_at IS NULL
  GROUP BY customer_id;
  DELETE FROM customer_spans WHERE customer_id = OLD.customer_id;
  INSERT INTO customer_spans (customer_id, first_date, last_date)
  SELECT customer_id, min(first_date), max(last_date) FROM customer_months WHERE customer_id = OLD.customer_id GROUP BY customer_id;
END;
