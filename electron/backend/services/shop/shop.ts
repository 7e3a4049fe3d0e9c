/** The shop as a whole: first start (demo or empty), and what the app needs to know at launch. */
import type { AppInfo, Product, Settings } from '../../../../shared/contract.ts';
import { generateDemoShop, type DemoShop } from '../../../../shared/domain/demoShop.ts';
import { lineAmountFen } from '../../../../shared/domain/money.ts';
import { defaultProducts } from '../../../../shared/domain/productDefaults.ts';
import { AppError } from '../../../../shared/errors.ts';
import { isoNow, type BackendContext } from '../../context.ts';
import { schemaVersion } from '../../db/migrate.ts';
import type { CustomersService } from '../customers/customers.ts';
import type { ForecastsService } from '../forecasts/forecasts.ts';
import type { CreditService } from '../credit/credit.ts';
import type { ProductsService } from '../products/products.ts';
import type { SettingsService } from './settings.ts';
import type { AreaHandlers } from '../../dispatch.ts';

export const DEMO_HOUSEHOLDS = 150;

interface Deps {
  settings: SettingsService;
  customers: CustomersService;
  products: ProductsService;
  forecasts: ForecastsService;
  credit: CreditService;
}

export function createShopService(ctx: BackendContext, deps: Deps) {
  const { db } = ctx;
  const countCustomers = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM customers');
  const insertPayment = db.prepare('INSERT INTO payments (customer_id, amount_fen, method, date, created_at) VALUES (?, ?, ?, ?, ?)');
  const insertSale = db.prepare(
    `INSERT INTO sales (customer_id, product_id, quantity, unit_price_fen, amount_fen, paid, date, created_at, stock_left)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

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

  /** Writes a generated shop in one transaction; used by the demo and by the benchmark's big shop. */
  const load = db.transaction((shop: DemoShop, language: 'zh-CN' | 'en') => {
    const products = defaultCatalog(language);
    const customerIds = shop.households.map((draft) => deps.customers.create(draft, true).id);
    const now = isoNow(ctx);
    for (const sale of shop.sales) {
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
    }
    // A whole history at once: learned from before it is forecast, as a book a week old would be.
    deps.forecasts.learnAll();
    deps.forecasts.recomputeAll();
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
    const counts = load(generateDemoShop({ households: DEMO_HOUSEHOLDS, endDate: ctx.today() }), language);
    start(shopName || (language === 'en' ? 'Demo Shop' : '示范小店'), language);
    return counts;
  });

  return { info, load, startEmpty: start, createDemo };
}
export type ShopService = ReturnType<typeof createShopService>;

export function shopHandlers({ shop, settings }: { shop: ShopService; settings: SettingsService }): AreaHandlers<'shop'> {
  return {
    'shop.info': () => shop.info(),
    'shop.updateSettings': (patch) => settings.update(patch),
    'shop.createDemo': ({ shopName, language }) => shop.createDemo(shopName, language),
    'shop.startEmpty': ({ shopName, language }) => shop.startEmpty(shopName, language),
  };
}
