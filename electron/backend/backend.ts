/**
 * The backend as one object: open the shop's database, build the services, expose `dispatch`.
 * The backend host (host.ts), the child process both shells start, creates exactly this and nothing else.
 * A restore reopens the database: `dispatch` stays the same function while the services behind it
 * are rebuilt, so the shells never re-wire anything.
 */
import { isAbsolute, join } from 'node:path';
import type { BackendContext } from './context.ts';
import { todayOf } from './context.ts';
import { openDatabase } from './db/open.ts';
import { loadMigrations } from './db/migrate.ts';
import { createBook, type Book } from './book/book.ts';
import { checkTargetFolder } from './book/backupEngine.ts';
import type { Job } from './book/jobs.ts';
import { AppError, type ErrorInfo } from '../../shared/errors.ts';
import type { CallOutput, RestorePreview, RestoreResult } from '../../shared/contract.ts';
import { createExportService } from './services/export.ts';
import { createImportService } from './services/import.ts';
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
import { searchKeysStamp } from '../../shared/domain/searchKeys.ts';
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

export function createServices(ctx: BackendContext, book: Book) {
  const settings = createSettingsService(ctx);
  const forecasts = createForecastsService(ctx);
  const contacts = createContactLog(ctx);
  const ledger = createLedgerService(ctx, { contacts });
  const customers = createCustomersService(ctx, { forecasts, ledger });
  const products = createProductsService(ctx, { forecasts });
  const sales = createSalesService(ctx, { customers, products, forecasts, ledger });
  const reminders = createRemindersService(ctx, { forecasts, contacts });
  const shop = createShopService(ctx, { settings, customers, products, forecasts, ledger });
  const importer = createImportService(ctx, { customers, forecasts, ledger });
  const exporter = createExportService(ctx, { settings, reminders });
  return { settings, customers, products, sales, shop, forecasts, reminders, ledger, importer, exporter, book };
}
export type Services = ReturnType<typeof createServices>;

const jobError = (job: Job): ErrorInfo | null => job.error ?? null;

function absoluteFolder(folder: string): string {
  if (!isAbsolute(folder)) throw new AppError('BACKUP_TARGET_MISSING', `not an absolute folder path: ${folder}`, { details: { folder } });
  return folder;
}

export function createHandlers(services: Services): Handlers {
  const { settings, customers, products, sales, shop, forecasts, reminders, ledger, importer, exporter, book } = services;
  return {
    'shop.info': () => shop.info(),
    'shop.updateSettings': (patch) => settings.update(patch),
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
      const { pairs, written } = forecasts.recomputeAll();
      return { pairs, written, ms: Math.round(performance.now() - started) };
    },
    'callList.list': ({ days, area, limit }) => reminders.callList(days, area, limit),
    'callList.lapsed': ({ area, limit }) => reminders.lapsed(area, limit),
    'callList.act': (action) => reminders.act(action),
    'callList.undo': ({ contactId }) => reminders.undo(contactId),
    'credit.recordPayment': (draft) => ledger.recordPayment(draft),
    'credit.voidPayment': ({ id, reason }) => ledger.voidPayment(id, reason),
    'credit.ledger': ({ customerId }) => ledger.ledger(customerId),
    'credit.collections': ({ area, limit }) => ledger.collections(area, limit),
    'credit.act': (action) => ledger.act(action),
    'credit.undo': ({ contactId }) => ledger.undo(contactId),
    'customers.contacts': ({ customerId, limit }) => reminders.listForCustomer(customerId, limit),

    // ---- Backups, restore, import and export (issue 4) ----
    'data.backupTargets': () => book.targets(),
    'data.startBackup': ({ folder }) => ({ jobId: book.startBackup(folder).id }),
    'data.startLocalBackup': () => ({ jobId: book.startAutomaticBackup().id }),
    'data.backupStatus': ({ jobId }) => {
      const job = book.jobs.get(jobId);
      if (job.kind !== 'backup' && job.kind !== 'auto-backup') book.jobs.get(jobId, 'backup');
      const done = job.result as { file: string; sizeBytes: number } | undefined;
      return { jobId, state: job.state, progress: job.progress, file: done?.file ?? null, sizeBytes: done?.sizeBytes ?? null, error: jobError(job) };
    },
    'data.localBackups': () => book.listLocal(),
    'data.startRestoreInspect': ({ file }) => ({ jobId: book.startInspect(file).id }),
    'data.startRestore': ({ file }) => ({ jobId: book.startApply(file).id }),
    'data.restoreStatus': ({ jobId }) => {
      const job = book.jobs.get(jobId);
      if (job.kind !== 'restore' && job.kind !== 'restore-inspect') book.jobs.get(jobId, 'restore');
      const preview = job.kind === 'restore-inspect' ? ((job.result as RestorePreview | undefined) ?? null) : null;
      const result = job.kind === 'restore' ? ((job.result as RestoreResult | undefined) ?? null) : null;
      return { jobId, state: job.state, progress: job.progress, preview, result, error: jobError(job) };
    },
    'data.startImportPreview': ({ file, mapping }) => ({ jobId: book.jobs.start('import', async () => ({ preview: await importer.preview(file, mapping) }), 'IMPORT_UNREADABLE').id }),
    'data.startImport': ({ file, mapping, duplicates, differing, choices }) => {
      book.refuseWhileBusy('import');
      const job = book.jobs.start('import', async (report) => ({ applied: await importer.apply(file, mapping, { duplicates, differing, choices }, report) }), 'IMPORT_UNREADABLE');
      return { jobId: job.id };
    },
    'data.importStatus': ({ jobId }) => {
      const job = book.jobs.get(jobId, 'import');
      const result = job.result as { applied?: CallOutput<'data.importStatus'>['result']; preview?: CallOutput<'data.importStatus'>['preview'] } | undefined;
      return { jobId, state: job.state, progress: job.progress, preview: result?.preview ?? null, result: result?.applied ?? null, error: jobError(job) };
    },
    'data.startExport': ({ folder, tables, formats }) => {
      checkTargetFolder(absoluteFolder(folder), 0);
      const job = book.jobs.start('export', (report) => exporter.exportTo(folder, [...new Set(tables)], [...new Set(formats)], report), 'EXPORT_FAILED');
      return { jobId: job.id };
    },
    'data.exportStatus': ({ jobId }) => {
      const job = book.jobs.get(jobId, 'export');
      return { jobId, state: job.state, progress: job.progress, files: (job.result as string[] | undefined) ?? [], error: jobError(job) };
    },
  };
}

/**
 * Derived data (search keys, forecasts and reminders) is rebuilt when the rules that derive it change,
 * so an app update never leaves a book searching with old keys.
 */
export const bringDerivedDataUpToDate = (services: Services, db: BackendContext['db']) => {
  db.transaction(() => {
    const searchKeys = searchKeysStamp();
    if (services.settings.getInternal('searchKeysVersion') !== searchKeys) {
      services.customers.reindexAll();
      services.settings.setInternal('searchKeysVersion', searchKeys);
    }
    if (services.settings.getInternal('ledgerVersion') !== LEDGER_VERSION) {
      services.ledger.recomputeAll();
      services.settings.setInternal('ledgerVersion', LEDGER_VERSION);
    }
  })();
  // In its own transaction, outside any other: a big book's recompute is then planned on worker threads.
  // Interrupted before the version is stored, it simply runs again at the next start.
  if (services.settings.getInternal('forecastVersion') !== FORECAST_VERSION) {
    services.forecasts.recomputeAll();
    db.transaction(() => services.settings.setInternal('forecastVersion', FORECAST_VERSION))();
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
  startAutomaticBackups(options?: { checkEveryMs?: number; onError?: (error: unknown) => void }): { stop(): void };
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
      bringDerivedDataUpToDate(services, db);
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
    },
  };
}
