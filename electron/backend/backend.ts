/**
 * The backend as one object: open the shop's database, build the services, expose `dispatch`.
 * Both shells (Electron main and the browser shell) create exactly this and nothing else.
 */
import { join } from 'node:path';
import type { BackendContext } from './context.ts';
import { todayOf } from './context.ts';
import { openDatabase } from './db/open.ts';
import { createDispatch, type Dispatch, type DispatchOptions, type Handlers } from './dispatch.ts';
import { createCustomersService } from './services/customers.ts';
import { createContactLog } from './services/contactLog.ts';
import { createForecastsService } from './services/forecasts.ts';
import { createLedgerService } from './services/ledger.ts';
import { createRemindersService } from './services/reminders.ts';
import { createProductsService } from './services/products.ts';
import { createSalesService } from './services/sales.ts';
import { createSettingsService } from './services/settings.ts';
import { createShopService } from './services/shop.ts';
import { SEARCH_KEYS_VERSION } from '../../shared/domain/searchKeys.ts';
import { FORECAST_VERSION } from '../../shared/domain/forecast.ts';
import { LEDGER_VERSION } from '../../shared/domain/ledger.ts';

export const DATABASE_FILE_NAME = 'huitou.sqlite';

export interface BackendOptions extends DispatchOptions {
  dataDir: string;
  appVersion?: string;
  migrationsDir?: string;
  /** The clock; tests pin it to make "today" reproducible. */
  now?: () => Date;
}

export function createServices(ctx: BackendContext) {
  const settings = createSettingsService(ctx);
  const forecasts = createForecastsService(ctx);
  const contacts = createContactLog(ctx);
  const ledger = createLedgerService(ctx, { contacts });
  const customers = createCustomersService(ctx, { forecasts, ledger });
  const products = createProductsService(ctx, { forecasts });
  const sales = createSalesService(ctx, { customers, products, forecasts, ledger });
  const reminders = createRemindersService(ctx, { forecasts });
  const shop = createShopService(ctx, { settings, customers, products, forecasts, ledger });
  return { settings, customers, products, sales, shop, forecasts, reminders, ledger };
}
export type Services = ReturnType<typeof createServices>;

export function createHandlers(services: Services): Handlers {
  const { settings, customers, products, sales, shop, forecasts, reminders, ledger } = services;
  return {
    'app.info': () => shop.info(),
    'settings.update': (patch) => settings.update(patch),
    'shop.createDemo': ({ shopName, language }) => shop.createDemo(shopName, language),
    'shop.startEmpty': ({ shopName, language }) => shop.startEmpty(shopName, language),
    'customers.search': ({ query, includeArchived, limit }) => customers.search(query, includeArchived, limit),
    'customers.get': ({ id }) => customers.get(id),
    'customers.findByPhone': ({ phones, excludeId }) => customers.findByPhone(phones, excludeId),
    'customers.create': ({ draft, allowDuplicatePhone }) => customers.create(draft, allowDuplicatePhone),
    'customers.update': ({ id, draft, allowDuplicatePhone }) => customers.update(id, draft, allowDuplicatePhone),
    'customers.archive': ({ id }) => customers.archive(id),
    'customers.restore': ({ id }) => customers.restore(id),
    'products.list': ({ includeArchived }) => products.list(includeArchived),
    'products.create': ({ draft }) => products.create(draft),
    'products.update': ({ id, draft }) => products.update(id, draft),
    'products.archive': ({ id }) => products.archive(id),
    'products.restore': ({ id }) => products.restore(id),
    'sales.record': (draft) => sales.record(draft),
    'sales.listForCustomer': ({ customerId, limit }) => sales.listForCustomer(customerId, limit),
    'sales.correct': ({ id, draft, reason }) => sales.correct(id, draft, reason),
    'sales.void': ({ id, reason }) => sales.void(id, reason),
    'forecasts.forCustomer': ({ customerId }) => forecasts.forCustomer(customerId),
    'forecasts.recomputeAll': () => {
      const started = performance.now();
      const pairs = forecasts.recomputeAll();
      return { pairs, ms: Math.round(performance.now() - started) };
    },
    'reminders.callList': ({ days, area, limit }) => reminders.callList(days, area, limit),
    'reminders.act': (action) => reminders.act(action),
    'reminders.undo': ({ contactId }) => reminders.undo(contactId),
    'payments.record': (draft) => ledger.recordPayment(draft),
    'payments.void': ({ id, reason }) => ledger.voidPayment(id, reason),
    'ledger.forCustomer': ({ customerId }) => ledger.ledger(customerId),
    'collections.list': ({ area, limit }) => ledger.collections(area, limit),
    'collections.act': (action) => ledger.act(action),
    'collections.undo': ({ contactId }) => ledger.undo(contactId),
    'contacts.listForCustomer': ({ customerId, limit }) => reminders.listForCustomer(customerId, limit),
  };
}

/**
 * Derived data (search keys, forecasts and reminders) is rebuilt when the rules that derive it change,
 * so an app update never leaves a book searching with old keys.
 */
export const bringDerivedDataUpToDate = (services: Services, db: BackendContext['db']) =>
  db.transaction(() => {
    if (services.settings.getInternal('searchKeysVersion') !== SEARCH_KEYS_VERSION) {
      services.customers.reindexAll();
      services.settings.setInternal('searchKeysVersion', SEARCH_KEYS_VERSION);
    }
    if (services.settings.getInternal('ledgerVersion') !== LEDGER_VERSION) {
      services.ledger.recomputeAll();
      services.settings.setInternal('ledgerVersion', LEDGER_VERSION);
    }
    if (services.settings.getInternal('forecastVersion') !== FORECAST_VERSION) {
      services.forecasts.recomputeAll();
      services.settings.setInternal('forecastVersion', FORECAST_VERSION);
    }
  })();

export interface Backend {
  dispatch: Dispatch;
  services: Services;
  context: BackendContext;
  close(): void;
}

export function openBackend(options: BackendOptions): Backend {
  const databaseFile = join(options.dataDir, DATABASE_FILE_NAME);
  const openOptions = options.migrationsDir ? { migrationsDir: options.migrationsDir } : {};
  const { db } = openDatabase(databaseFile, openOptions);
  const now = options.now ?? (() => new Date());
  const context: BackendContext = {
    db,
    now,
    today: todayOf(now),
    dataDir: options.dataDir,
    databaseFile,
    appVersion: options.appVersion ?? '0.0.0',
  };
  const services = createServices(context);
  bringDerivedDataUpToDate(services, db);
  const dispatch = createDispatch(createHandlers(services), options);
  return { dispatch, services, context, close: () => db.close() };
}
