-- Forecast v5 (issue 16): what the shop's own sales teach each product's forecasts, and the season the
-- owner can switch on before there is history.
--
-- season_preset: 'winter' (gas), 'summer' (bottled water) or 'none'; an existing product starts without
-- one (the owner switches it on in Products; a new shop's default catalog has gas and water on).
ALTER TABLE products ADD COLUMN season_preset TEXT NOT NULL DEFAULT 'none' CHECK (season_preset IN ('none', 'winter', 'summer'));
-- Learned from the sales of all households (forecastShop.ts), refreshed with every full recompute (at
-- start once a week, and whenever the forecast's version changes): the monthly season index as a JSON
-- array of 12 numbers (NULL: not learned yet, the preset stands), the multiplier on the per-person figures
-- and the households behind it, and the business date they were learned on.
ALTER TABLE products ADD COLUMN learned_season TEXT;
ALTER TABLE products ADD COLUMN learned_rate_factor REAL NOT NULL DEFAULT 1 CHECK (learned_rate_factor > 0);
ALTER TABLE products ADD COLUMN learned_households INTEGER NOT NULL DEFAULT 0;
-- The households' own pace over the figures, not shrunk toward them: what Products offers to apply.
ALTER TABLE products ADD COLUMN learned_own_factor REAL NOT NULL DEFAULT 1 CHECK (learned_own_factor > 0);
ALTER TABLE products ADD COLUMN learned_on TEXT;
