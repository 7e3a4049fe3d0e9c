-- The owner's view sums sales by date (takings, months, the pyramid's twelve months): a covering index
-- of the live sales in date order, so those sums read the index alone and only the dates they need.
-- One more page written per sale; the owner's home at 100k households reads ~1M sales a year.
CREATE INDEX sales_by_date ON sales (date, customer_id, product_id, amount_fen, quantity) WHERE voided_at IS NULL;
