-- Search grams are found and removed by their own key: a customer's grams follow from the name alone
-- (shared/domain/searchKeys.ts), so an edit computes the old name's keys and deletes those rows.
-- The second index by customer cost a scattered write per gram: importing 100k customers (750k grams)
-- spent most of its time there. Rules changing (SEARCH_KEYS_VERSION) empty the table and fill it again.
DROP INDEX customer_grams_by_customer;
