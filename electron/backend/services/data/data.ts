/**
 * The data area's calls: backups, restore, import and export. Each long one starts a job and answers its
 * id at once; the matching status call says how far it is, and its result or error once finished.
 */
import { isAbsolute } from 'node:path';
import { AppError, type ErrorInfo } from '../../../../shared/errors.ts';
import type { AreaHandlers } from '../../dispatch.ts';
import type { Job } from '../../jobs/jobs.ts';
import { checkTargetFolder } from './backupEngine.ts';
import type { Book } from './book.ts';
import type { ExportService } from './export.ts';
import type { ImportService } from './import.ts';
import type { Places } from './places.ts';

const jobError = (job: Job): ErrorInfo | null => job.error ?? null;

function absoluteFolder(folder: string): string {
  if (!isAbsolute(folder)) throw new AppError('BACKUP_TARGET_MISSING', `not an absolute folder path: ${folder}`, { details: { folder } });
  return folder;
}

export function dataHandlers({
  book,
  importer,
  exporter,
  places,
}: {
  book: Book;
  importer: ImportService;
  exporter: ExportService;
  places: Places;
}): AreaHandlers<'data'> {
  /** The job started: its folder (or its file's) goes first among the picker's recent ones. */
  function remembering<T>(where: { folder: string } | { file: string }, started: T): T {
    if ('folder' in where) places.remember(where.folder);
    else places.rememberFileFolder(where.file);
    return started;
  }
  return {
    'data.places': () => places.list(),
    'data.browse': ({ path, show, extensions }) => places.browse(path, show, extensions),
    'data.backupTargets': () => book.targets(),
    'data.startBackup': ({ folder }) => remembering({ folder }, { jobId: book.startBackup(folder).id }),
    'data.startLocalBackup': () => ({ jobId: book.startAutomaticBackup().id }),
    'data.backupStatus': ({ jobId }) => {
      const job = book.jobs.get(jobId, 'backup', 'auto-backup');
      return {
        jobId,
        state: job.state,
        progress: job.progress,
        file: job.result?.file ?? null,
        sizeBytes: job.result?.sizeBytes ?? null,
        error: jobError(job),
      };
    },
    'data.localBackups': () => book.listLocal(),
    'data.startRestoreInspect': ({ file }) => remembering({ file }, { jobId: book.startInspect(file).id }),
    'data.startRestore': ({ file }) => ({ jobId: book.startApply(file).id }),
    'data.restoreStatus': ({ jobId }) => {
      const job = book.jobs.get(jobId, 'restore', 'restore-inspect');
      const preview = job.kind === 'restore-inspect' ? (job.result ?? null) : null;
      const result = job.kind === 'restore' ? (job.result ?? null) : null;
      return { jobId, state: job.state, progress: job.progress, preview, result, error: jobError(job) };
    },
    'data.startImportPreview': ({ file, mapping }) =>
      remembering(
        { file },
        {
          jobId: book.jobs.start('import', async () => ({ preview: await importer.preview(file, mapping) }), 'IMPORT_UNREADABLE').id,
        },
      ),
    'data.startImport': ({ file, mapping, duplicates, differing, choices }) => {
      book.refuseWhileBusy('import');
      const job = book.jobs.start(
        'import',
        async (report) => ({ applied: await importer.apply(file, mapping, { duplicates, differing, choices }, report) }),
        'IMPORT_UNREADABLE',
      );
      return { jobId: job.id };
    },
    'data.importStatus': ({ jobId }) => {
      const job = book.jobs.get(jobId, 'import');
      return {
        jobId,
        state: job.state,
        progress: job.progress,
        preview: job.result?.preview ?? null,
        result: job.result?.applied ?? null,
        error: jobError(job),
      };
    },
    'data.startExport': ({ folder, tables, formats }) => {
      checkTargetFolder(absoluteFolder(folder), 0);
      return remembering({ folder }, { jobId: exporter.start(folder, [...new Set(tables)], [...new Set(formats)]).id });
    },
    'data.exportStatus': ({ jobId }) => {
      const job = book.jobs.get(jobId, 'export');
      return { jobId, state: job.state, progress: job.progress, files: job.result ?? [], error: jobError(job) };
    },
  };
}
