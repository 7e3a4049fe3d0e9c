/** The shop as a whole: first start (demo or empty), and what the app needs to know at launch. */
import type { AppInfo, Product, Settings } from '../../../../shared/contract.ts';
import { generateDemoShop, type DemoSale, type DemoShop } from '../../../../shared/domain/demoShop.ts';
import { lineAmountFen } from '../../../../shared/domain/money.ts';
import { defaultProducts } from '../../../../shared/domain/productDefaults.ts';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/errors.ts';
import { isoNow, type BackendContext } from '../../context.ts';
import { schemaVersion } from '../../db/migrate.ts';
import { withSalesSummariesRebuiltAfter } from '../../db/salesSummaries.ts';
import type { ContactLog } from '../customers/contactLog.ts';
import type { CustomersService } from '../customers/customers.ts';
import type { ForecastsService } from '../forecasts/forecasts.ts';
import type { CreditService } from '../credit/credit.ts';
import type { ProductsService } from '../products/products.ts';
import { replayDemoShop } from './demoHistory.ts';
import type { SettingsService } from './settings.ts';
import type { AreaHandlers } from '../../dispatch.ts';

export const DEMO_HOUSEHOLDS = 150;
const DEMO_SEED = 20261122;
/**
 * The demo is a neighbourhood grain-and-oil shop: its seasons half as strong again as forecast:eval's
 * (gas plainly more in winter, water in summer), and milk a side line few households buy there. With
 * forecast:eval's 30 % buying milk every three days, the households that come by themselves for it
 * were a third of the morning's calls.
 */
const demoShopOptions = { households: DEMO_HOUSEHOLDS, seed: DEMO_SEED, seasonScale: 1.5, shares: { milk_litre: 0.12 } };

interface Deps {
  settings: SettingsService;
  customers: CustomersService;
  products: ProductsService;
  forecasts: ForecastsService;
  credit: CreditService;
  contacts: ContactLog;
}

export function createShopService(ctx: BackendContext, deps: Deps) {
  const { db } = ctx;
  const countCustomers = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM customers');
  const insertPayment = db.prepare('INSERT INTO payments (customer_id, amount_fen, method, date, created_at) VALUES (?, ?, ?, ?, ?)');
  const insertSale = db.prepare(
    `INSERT INTO sales (customer_id, product_id, quantity, unit_price_fen, amount_fen, paid, date, created_at, stock_left)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  /*
   * total_changes() counts every row this connection wrote (a write in any window or on the phone comes
   * through it), data_version moves when another connection commits (a job's thread, another process).
   * Both restart with the connection, so the connection's own id (new at a restore or a restarted backend)
   * is part of the token; and the day, which changes the lists without a write.
   */
  const opened = randomUUID();
  const readChanges = db.prepare<[], { changes: number }>('SELECT total_changes() AS changes');
  const readDataVersion = db.prepare<[], { data_version: number }>('PRAGMA data_version');
  function changes(): { version: string } {
    return { version: `${opened}.${readChanges.get()!.changes}.${readDataVersion.get()!.data_version}.${ctx.today()}` };
  }

  function info(): AppInfo {
    return {
      version: ctx.appVersion,
      dataDir: ctx.dataDir,
      databaseFile: ctx.databaseFile,
      schemaVersion: schemaVersion(db),
      customerCount: countCustomers.get()!.n,
      today: ctx.today(),
      settings: deps.settings.get(),
    };
  }

  /**
   * The product for each entry of the default catalog (the demo's sales refer to them by position):
   * the shop's own product of that name and unit, created when missing. Never "whatever product is
   * n-th in the list", which put rice sales on another product once the shop had products of its own.
   */
  function defaultCatalog(language: 'zh-CN' | 'en'): Product[] {
    deps.products.seedDefaults(language);
    const existing = deps.products.list(false);
    return defaultProducts.map(({ nameKey: _key, nameEn, ...draft }) => {
      const name = language === 'en' ? nameEn : draft.name;
      return existing.find((p) => p.name === name && p.unit === draft.unit) ?? deps.products.create({ ...draft, name });
    });
  }

  /**
   * Writes a generated shop in one transaction; used by the demo and by the benchmark's big shop.
   * `worked`: the demo's last months replayed with the shopkeeper working the call list (demoHistory.ts;
   * the shop must have been generated with `trace`), instead of sales alone.
   */
  const load = db.transaction((shop: DemoShop, language: 'zh-CN' | 'en', worked?: { seed: number }) => {
    const products = defaultCatalog(language);
    const customerIds = shop.households.map((draft) => deps.customers.create(draft, true).id);
    const now = isoNow(ctx);
    const writeSale = (sale: DemoSale) => {
      const product = products[sale.product]!;
      insertSale.run(
        customerIds[sale.household],
        product.id,
        sale.quantity,
        product.priceFen,
        lineAmountFen(sale.quantity, product.priceFen),
        sale.paid ? 1 : 0,
        sale.date,
        now,
        sale.stockLeft ?? null,
      );
    };
    // A whole book's sales: summed once at the end rather than by the triggers, sale by sale.
    withSalesSummariesRebuiltAfter(db, () => {
      if (worked) {
        const productIds = products.map((p) => p.id);
        replayDemoShop(ctx, deps, { shop, customerIds, productIds, language, seed: worked.seed, today: ctx.today(), writeSale });
      } else {
        for (const sale of shop.sales) writeSale(sale);
        // A whole history at once: learned from before it is forecast, as a book a week old would be.
        deps.forecasts.learnAll();
        deps.forecasts.recomputeAll();
      }
    });
    for (const payment of shop.payments) {
      insertPayment.run(customerIds[payment.household], payment.amountFen, payment.method, payment.date, now);
    }
    deps.credit.recomputeAll();
    return { customers: customerIds.length, sales: shop.sales.length };
  });

  const start = db.transaction((shopName: string, language: 'zh-CN' | 'en'): Settings => {
    deps.products.seedDefaults(language);
    const patch: Partial<Settings> = { onboarded: true };
    if (shopName) patch.shopName = shopName;
    return deps.settings.update(patch);
  });

  const createDemo = db.transaction((shopName: string, language: 'zh-CN' | 'en') => {
    // Demo households mixed into a real book could never be told apart again.
    if (countCustomers.get()!.n > 0) throw new AppError('BOOK_NOT_EMPTY', 'the demo shop is only for an empty book');
    const shop = generateDemoShop({ ...demoShopOptions, endDate: ctx.today(), trace: true });
    const counts = load(shop, language, { seed: DEMO_SEED });
    start(shopName || (language === 'en' ? 'Demo Shop' : '示范小店'), language);
    return counts;
  });

  return { info, changes, load, startEmpty: start, createDemo };
}
export type ShopService = ReturnType<typeof createShopService>;

export function shopHandlers({ shop, settings }: { shop: ShopService; settings: SettingsService }): AreaHandlers<'shop'> {
  return {
    'shop.info': () => shop.info(),
    'shop.changes': () => shop.changes(),
    'shop.updateSettings': (patch) => settings.update(patch),
    'shop.createDemo': ({ shopName, language }) => shop.createDemo(shopName, language),
    'shop.startEmpty': ({ shopName, language }) => shop.startEmpty(shopName, language),
  };
}
