/**
 * Backups, restore, import and export: the Data screen's calls. Long work runs as a backend job that
 * is polled here; `onProgress` moves the screen's progress bar. After a restore the whole app reloads.
 */
import type { StateCreator } from 'zustand';
import type {
  ApiClient,
  BackupStatus,
  BackupTarget,
  CallInput,
  exportFormats,
  exportTables,
  FolderListing,
  ImportMapping,
  ImportPreview,
  ImportResult,
  LocalBackup,
  Place,
  RestorePreview,
  RestoreResult,
} from '../../../shared/contract.ts';
import { waitForJob } from '../api/jobs.ts';
import type { AppState } from './types.ts';

export type Progress = (progress: number) => void;
export type ExportTable = (typeof exportTables)[number];
export type ExportFormat = (typeof exportFormats)[number];

export interface DataSlice {
  /** Asked from elsewhere (the empty customer book): the Data screen opens with its import ready to fill in. */
  importAsked: boolean;
  askImport(): void;
  importShown(): void;
  backupTargets: BackupTarget[];
  localBackups: LocalBackup[];
  /** The last restore, kept while the app runs so "Undo restore" survives a visit to another screen. */
  lastRestore: RestoreResult | null;
  restoreUndone: boolean;
  /** The drives found now (also kept in backupTargets). */
  loadBackupTargets(): Promise<BackupTarget[]>;
  loadLocalBackups(): Promise<void>;
  /** A verified backup file in `folder`. */
  backupTo(folder: string, onProgress?: Progress): Promise<BackupStatus>;
  /** A backup into the automatic backups on this PC; the list is refreshed. */
  backupLocal(onProgress?: Progress): Promise<BackupStatus>;
  inspectBackup(file: string): Promise<RestorePreview>;
  /** Replaces the book with the backup, then reloads everything the app shows. */
  applyRestore(file: string): Promise<RestoreResult>;
  /** Brings back the safety backup the last restore made. */
  undoRestore(): Promise<void>;
  /** After the book changed under the app (a restore, an import): settings, lists, the open screen. */
  reloadAll(): Promise<void>;
  importPreview(file: string, mapping?: ImportMapping, onProgress?: Progress): Promise<ImportPreview>;
  importApply(
    file: string,
    mapping: ImportMapping,
    duplicates: Pick<CallInput<'data.startImport'>, 'duplicates' | 'differing' | 'choices'>,
    onProgress?: Progress,
  ): Promise<ImportResult>;
  /** Where the browser shell's picker starts, and one folder under there (read-only listings). */
  loadPlaces(): Promise<Place[]>;
  browseFolder(path: string, show: 'folders' | 'files', extensions?: string[]): Promise<FolderListing>;
  /** The files written. */
  exportTo(folder: string, tables: ExportTable[], formats: ExportFormat[], onProgress?: Progress): Promise<string[]>;
}

export const createDataSlice =
  (api: ApiClient): StateCreator<AppState, [], [], DataSlice> =>
  (set, get) => {
    /** A restore as a job: the app keeps drawing while a big backup is checked. */
    async function restoreFrom(file: string): Promise<RestoreResult> {
      const { jobId } = await api['data.startRestore']({ file });
      const status = await waitForJob(() => api['data.restoreStatus']({ jobId }));
      return status.result!;
    }
    return {
      backupTargets: [],
      localBackups: [],
      lastRestore: null,
      restoreUndone: false,
      importAsked: false,
      askImport() {
        set({ importAsked: true });
        get().setView('data');
      },
      importShown() {
        set({ importAsked: false });
      },
      loadPlaces: () => api['data.places']({}),
      browseFolder: (path, show, extensions = []) => api['data.browse']({ path, show, extensions }),
      async loadBackupTargets() {
        const backupTargets = await api['data.backupTargets']({});
        set({ backupTargets });
        return backupTargets;
      },
      async loadLocalBackups() {
        set({ localBackups: await api['data.localBackups']({}) });
      },
      async backupTo(folder, onProgress) {
        const { jobId } = await api['data.startBackup']({ folder });
        const status = await waitForJob(() => api['data.backupStatus']({ jobId }), onProgress);
        void get()
          .loadBackupTargets()
          .catch(() => undefined); // free space changed
        return status;
      },
      async backupLocal(onProgress) {
        const { jobId } = await api['data.startLocalBackup']({});
        try {
          return await waitForJob(() => api['data.backupStatus']({ jobId }), onProgress);
        } finally {
          await get().loadLocalBackups();
        }
      },
      async inspectBackup(file) {
        const { jobId } = await api['data.startRestoreInspect']({ file });
        const status = await waitForJob(() => api['data.restoreStatus']({ jobId }));
        return status.preview!;
      },
      async applyRestore(file) {
        const result = await restoreFrom(file);
        set({ lastRestore: result, restoreUndone: false });
        await get().reloadAll();
        return result;
      },
      async undoRestore() {
        const last = get().lastRestore;
        if (!last) return;
        await restoreFrom(last.safetyBackup);
        set({ lastRestore: null, restoreUndone: true });
        await get().reloadAll();
      },
      async reloadAll() {
        set({ selectedId: null, selected: null, sales: [], ledger: null, forecasts: [], contacts: [], callSelectedKey: null, undoStack: [] });
        await get().load();
        await Promise.all([get().loadCollections(), get().loadLocalBackups()]);
      },
      async importPreview(file, mapping, onProgress) {
        const { jobId } = await api['data.startImportPreview'](mapping ? { file, mapping } : { file });
        const status = await waitForJob(() => api['data.importStatus']({ jobId }), onProgress);
        return status.preview!;
      },
      async importApply(file, mapping, duplicates, onProgress) {
        const { jobId } = await api['data.startImport']({ file, mapping, ...duplicates });
        const status = await waitForJob(() => api['data.importStatus']({ jobId }), onProgress);
        await Promise.all([get().refreshResults(), get().loadCallList(), get().loadCollections()]);
        return status.result!;
      },
      async exportTo(folder, tables, formats, onProgress) {
        const { jobId } = await api['data.startExport']({ folder, tables, formats });
        const status = await waitForJob(() => api['data.exportStatus']({ jobId }), onProgress);
        return status.files;
      },
    };
  };
