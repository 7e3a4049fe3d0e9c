/**
 * The backend as one object: open the shop's database, build the services, expose `dispatch`.
 * The backend host (host.ts), the child process both shells start, creates exactly this and nothing else.
 * A restore reopens the database: `dispatch` stays the same function while the services behind it
 * are rebuilt, so the shells never re-wire anything.
 */
import { join } from 'node:path';
import type { BackendContext } from './context.ts';
import { isoNow, todayOf } from './context.ts';
import { openDatabase } from './db/open.ts';
import { closeJobThreads } from './jobs/jobWorker.ts';
import { loadMigrations } from './db/migrate.ts';
import { createBook, type AutomaticBackupOptions, type Book } from './services/data/book.ts';
import { AppError } from '../../shared/errors.ts';
import { createExportService } from './services/data/export.ts';
import { dataHandlers } from './services/data/data.ts';
import { createPlaces } from './services/data/places.ts';
import { createImportService } from './services/data/import.ts';
import { createDispatch, type Dispatch, type DispatchOptions, type Handlers } from './dispatch.ts';
import { createCustomersService, customersHandlers } from './services/customers/customers.ts';
import { createContactLog } from './services/customers/contactLog.ts';
import { createForecastsService, forecastsHandlers } from './services/forecasts/forecasts.ts';
import { createCreditService, creditHandlers } from './services/credit/credit.ts';
import { callListHandlers, createCallListService } from './services/callList/callList.ts';
import { createProductsService, productsHandlers } from './services/products/products.ts';
import { createSalesService, salesHandlers } from './services/sales/sales.ts';
import { createSettingsService } from './services/shop/settings.ts';
import { createShopService, shopHandlers } from './services/shop/shop.ts';
import { createOwnerService, ownerHandlers } from './services/owner/owner.ts';
import { complaintsHandlers, createComplaintsService } from './services/complaints/complaints.ts';
import { createSlipsService, slipsHandlers } from './services/slips/slips.ts';
import { createGasService, gasHandlers } from './services/gas/gas.ts';
import { createMembershipService, membershipHandlers } from './services/membership/membership.ts';
import { createDayCloseService, dayCloseHandlers } from './services/dayClose/dayClose.ts';
import { createPrepaidService, prepaidHandlers } from './services/prepaid/prepaid.ts';
import { containersHandlers, createContainersService } from './services/containers/containers.ts';
import { searchKeysStamp } from '../../shared/domain/searchKeys.ts';
import { FORECAST_VERSION } from '../../shared/domain/forecast.ts';
import { customerIdsEnd } from './services/forecasts/forecastPlan.ts';
import { LEDGER_VERSION } from '../../shared/domain/credit.ts';

export const DATABASE_FILE_NAME = 'huitou.sqlite';

export interface BackendOptions extends DispatchOptions {
  dataDir: string;
  appVersion?: string;
  migrationsDir?: string;
  /** The clock; tests pin it to make "today" reproducible. */
  now?: () => Date;
  /** Households from which the recompute after an update runs as a job (default RECOMPUTE_JOB_FROM; tests lower it). */
  recomputeJobFrom?: number;
}

/**
 * From this many households the recompute a new forecast method needs runs as a job, the book open and
 * answering meanwhile (its reminders follow chunk by chunk); below, it runs in the open (~0.1 s).
 */
export const RECOMPUTE_JOB_FROM = 5_000;

export function createServices(ctx: BackendContext, book: Book) {
  const settings = createSettingsService(ctx);
  const forecasts = createForecastsService(ctx);
  const contacts = createContactLog(ctx);
  const credit = createCreditService(ctx, { contacts });
  const customers = createCustomersService(ctx, { forecasts, credit, contacts });
  const products = createProductsService(ctx, { forecasts });
  const sales = createSalesService(ctx, { customers, products, forecasts, credit });
  const containers = createContainersService(ctx);
  const owner = createOwnerService(ctx, { settings, forecasts });
  const membership = createMembershipService(ctx, { owner, customers });
  const prepaid = createPrepaidService(ctx, { customers, products });
  const slips = createSlipsService(ctx, { customers, products, forecasts, credit, membership, prepaid, containers });
  const callList = createCallListService(ctx, { forecasts, contacts, settings });
  const shop = createShopService(ctx, { settings, customers, products, forecasts, credit, contacts });
  const importer = createImportService(ctx, { customers, forecasts, credit });
  const exporter = createExportService(ctx, { settings, jobs: book.jobs });
  const places = createPlaces({ dataDir: ctx.dataDir, targets: () => book.targets() });
  const complaints = createComplaintsService(ctx);
  const gas = createGasService(ctx);
  const dayClose = createDayCloseService(ctx);
  return {
    settings,
    customers,
    products,
    sales,
    slips,
    shop,
    forecasts,
    callList,
    credit,
    importer,
    exporter,
    owner,
    complaints,
    gas,
    membership,
    dayClose,
    prepaid,
    containers,
    book,
    places,
  };
}
export type Services = ReturnType<typeof createServices>;

export function createHandlers(services: Services): Handlers {
  return {
    ...shopHandlers(services),
    ...customersHandlers(services),
    ...productsHandlers(services),
    ...salesHandlers(services),
    ...forecastsHandlers(services),
    ...callListHandlers(services),
    ...creditHandlers(services),
    ...dataHandlers(services),
    ...ownerHandlers(services),
    ...complaintsHandlers(services),
    ...slipsHandlers(services),
    ...gasHandlers(services),
    ...membershipHandlers(services),
    ...dayCloseHandlers(services),
    ...prepaidHandlers(services),
    ...containersHandlers(services),
  };
}

/**
 * Derived data (search keys, forecasts and reminders) is rebuilt when the rules that derive it change,
 * so an app update never leaves a book searching with old keys.
 */
export const bringDerivedDataUpToDate = (services: Services, ctx: BackendContext, recomputeJobFrom = RECOMPUTE_JOB_FROM) => {
  const { db } = ctx;
  db.transaction(() => {
    const searchKeys = searchKeysStamp();
    if (services.settings.getInternal('searchKeysVersion') !== searchKeys) {
      services.customers.reindexAll();
      services.settings.setInternal('searchKeysVersion', searchKeys);
    }
    if (services.settings.getInternal('ledgerVersion') !== LEDGER_VERSION) {
      services.credit.recomputeAll();
      services.settings.setInternal('ledgerVersion', LEDGER_VERSION);
    }
  })();
  // Interrupted before the version is stored (the job stores it in its last transaction), it simply
  // runs again at the next start.
  // A new forecast version, or products not learned for a week: the book is forecast again, learning first.
  if (services.settings.getInternal('forecastVersion') === FORECAST_VERSION && !services.forecasts.isLearningStale()) return;
  if (db.memory || customerIdsEnd(db) < recomputeJobFrom) {
    services.forecasts.learnAll();
    services.forecasts.recomputeAll();
    db.transaction(() => services.settings.setInternal('forecastVersion', FORECAST_VERSION))();
  } else {
    services.book.jobs.startInWorker('recompute', 'recompute', { file: db.name, now: isoNow(ctx), stamp: FORECAST_VERSION, learn: true });
  }
};

export interface Backend {
  /** The same function for the life of the backend, also across a restore. */
  dispatch: Dispatch;
  /** The services of the database open now (rebuilt when a restore reopens it). */
  readonly services: Services;
  readonly context: BackendContext;
  readonly book: Book;
  /** The host's timer for automatic local backups (at start when due, then every few hours of use). */
  startAutomaticBackups(options?: AutomaticBackupOptions): { stop(): void };
  close(): void;
}

interface LiveBook {
  context: BackendContext;
  services: Services;
  migratedFrom: number;
}

export function openBackend(options: BackendOptions): Backend {
  const databaseFile = join(options.dataDir, DATABASE_FILE_NAME);
  const openOptions = options.migrationsDir ? { migrationsDir: options.migrationsDir } : {};
  const now = options.now ?? (() => new Date());
  const latestVersion = loadMigrations(options.migrationsDir).length;
  let live: LiveBook | null = null;
  /** The last book opened: still readable (e.g. `context.db.open === false`) once closed. */
  let last: LiveBook;
  let inner: Dispatch;

  /** Closes the book open now (a restore reopens another), forgetting its import preview. */
  const closeLive = (book: LiveBook) => {
    book.services.importer.discardPreview();
    book.context.db.close();
    live = null;
  };

  const current = (): LiveBook => {
    if (!live) throw new AppError('INTERNAL', 'the book is closed');
    return live;
  };

  const book = createBook({
    dataDir: options.dataDir,
    databaseFile,
    latestVersion,
    now,
    db: () => current().context.db,
    shopName: () => current().services.settings.get().shopName,
    close: () => closeLive(current()),
    reopen: () => open(),
  });

  function open(): LiveBook {
    const { db, migratedFrom } = openDatabase(databaseFile, { ...openOptions, now });
    try {
      const context: BackendContext = {
        db,
        now,
        today: todayOf(now),
        dataDir: options.dataDir,
        databaseFile,
        appVersion: options.appVersion ?? '0.0.0',
      };
      const services = createServices(context, book);
      bringDerivedDataUpToDate(services, context, options.recomputeJobFrom);
      live = { context, services, migratedFrom };
      last = live;
      inner = createDispatch(createHandlers(services), options);
      return live;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  open();
  const closedDispatch: Dispatch = () => ({ ok: false, error: { code: 'INTERNAL', message: 'the book is closed' } });
  return {
    dispatch: (name, input) => (live ? inner(name, input) : closedDispatch(name, input)),
    get services() {
      return (live ?? last).services;
    },
    get context() {
      return (live ?? last).context;
    },
    book,
    startAutomaticBackups: (timerOptions) => book.startAutomaticBackups(timerOptions),
    close: () => {
      if (live) closeLive(live);
      closeJobThreads();
    },
  };
}
