import type { Product, ProductDraft, Unit } from '../../../../shared/contract.ts';
import { defaultProducts } from '../../../../shared/domain/productDefaults.ts';
import { applyRateFactor, offersLearnedRates } from '../../../../shared/domain/forecastShop.ts';
import type { SeasonPreset } from '../../../../shared/domain/forecastSeasons.ts';
import type { ContainerType } from '../../../../shared/domain/containers.ts';
import { AppError } from '../../../../shared/errors.ts';
import { isoNow, type BackendContext } from '../../context.ts';
import type { ForecastsService } from '../forecasts/forecasts.ts';
import type { AreaHandlers } from '../../dispatch.ts';

interface ProductRow {
  id: number;
  name: string;
  unit: Unit;
  price_fen: number;
  use_adult: number;
  use_child: number;
  use_senior: number;
  lead_days: number;
  season_preset: SeasonPreset;
  container: ContainerType | null;
  deposit_fen: number;
  learned_season: string | null;
  learned_rate_factor: number;
  learned_own_factor: number;
  learned_households: number;
  learned_on: string | null;
  archived_at: string | null;
}

function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    name: row.name,
    unit: row.unit,
    priceFen: row.price_fen,
    dailyUse: { adult: row.use_adult, child: row.use_child, senior: row.use_senior },
    leadDays: row.lead_days,
    seasonPreset: row.season_preset,
    container: row.container,
    depositFen: row.deposit_fen,
    learned: {
      rateFactor: row.learned_rate_factor,
      ownFactor: row.learned_own_factor,
      households: row.learned_households,
      season: row.learned_season ? (JSON.parse(row.learned_season) as number[]) : null,
      on: row.learned_on,
    },
    archivedAt: row.archived_at,
  };
}

export function createProductsService(ctx: BackendContext, deps: { forecasts: ForecastsService }) {
  const { db } = ctx;
  const selectAll = db.prepare<[number], ProductRow>('SELECT * FROM products WHERE (? = 1 OR archived_at IS NULL) ORDER BY id');
  const selectById = db.prepare<[number], ProductRow>('SELECT * FROM products WHERE id = ?');
  const countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM products');
  const insert = db.prepare(
    `INSERT INTO products (name, unit, price_fen, use_adult, use_child, use_senior, lead_days, season_preset, container, deposit_fen, created_at, updated_at)
     VALUES (:name, :unit, :priceFen, :adult, :child, :senior, :leadDays, :seasonPreset, :container, :depositFen, :now, :now)`,
  );
  const updateRow = db.prepare(
    `UPDATE products SET name = :name, unit = :unit, price_fen = :priceFen, use_adult = :adult, use_child = :child,
       use_senior = :senior, lead_days = :leadDays, season_preset = :seasonPreset, container = :container, deposit_fen = :depositFen, updated_at = :now WHERE id = :id`,
  );
  // The learned factors are relative to the figures: applied, they carry them (relearned right after).
  const applyRates = db.prepare(
    'UPDATE products SET use_adult = ?, use_child = ?, use_senior = ?, learned_rate_factor = 1, learned_own_factor = 1, updated_at = ? WHERE id = ?',
  );
  const setArchived = db.prepare('UPDATE products SET archived_at = ?, updated_at = ? WHERE id = ?');

  function get(id: number): Product {
    const row = selectById.get(id);
    if (!row) throw new AppError('NOT_FOUND', `product ${id} not found`, { details: { entity: 'product', id } });
    return toProduct(row);
  }

  function params(draft: ProductDraft) {
    return {
      name: draft.name,
      unit: draft.unit,
      priceFen: draft.priceFen,
      ...draft.dailyUse,
      leadDays: draft.leadDays,
      seasonPreset: draft.seasonPreset,
      container: draft.container,
      depositFen: draft.depositFen,
      now: isoNow(ctx),
    };
  }

  const create = db.transaction((draft: ProductDraft): Product => get(Number(insert.run(params(draft)).lastInsertRowid)));

  const update = db.transaction((id: number, draft: ProductDraft): Product => {
    const before = get(id);
    updateRow.run({ ...params(draft), id });
    const after = get(id);
    // Only the rates, lead days and season preset are forecast inputs: a new price or name re-forecasts
    // nobody. The rates and the preset are what the product is learned against: learned again first.
    const learnedAgainst = (p: Product) => [p.dailyUse.adult, p.dailyUse.child, p.dailyUse.senior, p.seasonPreset].join(' ');
    if (learnedAgainst(before) !== learnedAgainst(after)) deps.forecasts.relearnProduct(id, true);
    else if (before.leadDays !== after.leadDays) deps.forecasts.refreshProduct(id);
    return get(id);
  });

  /** The "apply?" of the Products page: the per-person figures times what the households showed. */
  const applyLearnedRates = db.transaction((id: number): Product => {
    const product = get(id);
    if (!offersLearnedRates(product.learned))
      throw new AppError('NOTHING_LEARNED', `product ${id}: its households' use is not known well enough to apply`, { details: { id } });
    const rates = applyRateFactor(product.dailyUse, product.learned.ownFactor);
    applyRates.run(rates.adult, rates.child, rates.senior, isoNow(ctx), id);
    deps.forecasts.relearnProduct(id, true);
    return get(id);
  });

  // Archiving takes the product's forecasts and reminders away (nobody is reminded of what the shop no
  // longer sells, and the call list's totals need not look for them); restoring forecasts them again from
  // their sales, as new cycles.
  const setArchivedAt = db.transaction((id: number, archived: boolean): Product => {
    const before = get(id);
    const now = isoNow(ctx);
    setArchived.run(archived ? now : null, now, id);
    if ((before.archivedAt !== null) !== archived) deps.forecasts.refreshProduct(id);
    return get(id);
  });

  /** The default catalog, once, on a new shop; names in the shop's language. */
  const seedDefaults = db.transaction((language: 'zh-CN' | 'en'): Product[] => {
    if (countAll.get()!.n === 0) {
      for (const { nameKey: _key, nameEn, ...draft } of defaultProducts) {
        insert.run(params({ ...draft, name: language === 'en' ? nameEn : draft.name }));
      }
    }
    return selectAll.all(0).map(toProduct);
  });

  return {
    list: (includeArchived: boolean) => selectAll.all(includeArchived ? 1 : 0).map(toProduct),
    get,
    create,
    update,
    archive: (id: number) => setArchivedAt(id, true),
    restore: (id: number) => setArchivedAt(id, false),
    applyLearnedRates,
    seedDefaults,
  };
}
export type ProductsService = ReturnType<typeof createProductsService>;

export function productsHandlers({ products }: { products: ProductsService }): AreaHandlers<'products'> {
  return {
    'products.list': ({ includeArchived }) => products.list(includeArchived),
    'products.create': ({ draft }) => products.create(draft),
    'products.update': ({ id, draft }) => products.update(id, draft),
    'products.archive': ({ id }) => products.archive(id),
    'products.restore': ({ id }) => products.restore(id),
    'products.applyLearnedRates': ({ id }) => products.applyLearnedRates(id),
  };
}
