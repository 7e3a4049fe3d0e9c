/** The sales summaries (migration 0018) against the live sales they sum, for the owner's tests. */
import type { TestBackend } from './helpers.ts';

/** The summaries as stored, and as a GROUP BY over the live sales gives them, in the same order. */
export function summaries(backend: TestBackend) {
  const all = (sql: string) => backend.context.db.prepare<[], Record<string, string | number>>(sql).all();
  return {
    stored: {
      daily: all('SELECT date, product_id, amount_fen, round(quantity, 6) AS quantity, lines FROM sales_daily ORDER BY date, product_id'),
      months: all('SELECT * FROM customer_months ORDER BY customer_id, month'),
      spans: all('SELECT * FROM customer_spans ORDER BY customer_id'),
    },
    grouped: {
      daily: all(`SELECT date, product_id, sum(amount_fen) AS amount_fen, round(sum(quantity), 6) AS quantity, count(*) AS lines
                  FROM sales WHERE voided_at IS NULL GROUP BY date, product_id ORDER BY date, product_id`),
      months: all(`SELECT customer_id, substr(date, 1, 7) AS month, sum(amount_fen) AS amount_fen, count(*) AS purchases,
                     min(date) AS first_date, max(date) AS last_date
                   FROM sales WHERE voided_at IS NULL AND customer_id IS NOT NULL GROUP BY customer_id, month ORDER BY customer_id, month`),
      spans: all(`SELECT customer_id, min(date) AS first_date, max(date) AS last_date
                  FROM sales WHERE voided_at IS NULL AND customer_id IS NOT NULL GROUP BY customer_id ORDER BY customer_id`),
    },
  };
}

/** Fails unless the summaries hold what grouping the live sales gives, row for row; returns them. */
export function expectSummariesTrue(backend: TestBackend) {
  const { stored, grouped } = summaries(backend);
  expect(stored).toEqual(grouped);
  return stored;
}
