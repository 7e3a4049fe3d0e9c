/**
 * The system's folder and file pickers (backup targets, export folders, backups to restore, sheets
 * to import). The renderer only ever gets the chosen absolute path back; the filters it asks for are
 * checked here, since they come from the page.
 */
import type { BrowserWindow, Dialog, FileFilter as ElectronFileFilter } from 'electron';
import type { PickResult } from '../../shared/bridge.ts';
import type { Envelope } from '../../shared/errors.ts';

export interface PickerDeps {
  dialog: Pick<Dialog, 'showOpenDialog'>;
  /** Where the pickers start (the user's Documents). */
  defaultDir: () => string;
}

const MAX_FILTERS = 10;
const MAX_EXTENSIONS = 10;

/** Only well-formed filters from the page: a short name and plain extensions ("xlsx", "csv", "sqlite"). */
export function safeFilters(filters: unknown): ElectronFileFilter[] {
  if (!Array.isArray(filters)) return [];
  const safe: ElectronFileFilter[] = [];
  for (const filter of filters.slice(0, MAX_FILTERS)) {
    if (!filter || typeof filter !== 'object') continue;
    const { name, extensions } = filter as { name?: unknown; extensions?: unknown };
    if (typeof name !== 'string' || !Array.isArray(extensions)) continue;
    const exts = extensions.filter((e): e is string => typeof e === 'string' && /^(\*|[A-Za-z0-9]{1,10})$/.test(e)).slice(0, MAX_EXTENSIONS);
    if (exts.length > 0) safe.push({ name: name.slice(0, 60), extensions: exts });
  }
  return safe;
}

function failure(error: unknown): Envelope<never> {
  return { ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } };
}

export async function pickFolder(deps: PickerDeps, win: BrowserWindow): Promise<Envelope<PickResult>> {
  try {
    const choice = await deps.dialog.showOpenDialog(win, { defaultPath: deps.defaultDir(), properties: ['openDirectory', 'createDirectory'] });
    const path = choice.filePaths[0];
    return { ok: true, data: choice.canceled || !path ? { picked: false, path: null } : { picked: true, path } };
  } catch (error) {
    return failure(error);
  }
}

export async function pickFile(deps: PickerDeps, win: BrowserWindow, filters: unknown): Promise<Envelope<PickResult>> {
  try {
    const chosen = safeFilters(filters);
    const choice = await deps.dialog.showOpenDialog(win, {
      defaultPath: deps.defaultDir(),
      properties: ['openFile'],
      filters: chosen.length > 0 ? chosen : [{ name: '*', extensions: ['*'] }],
    });
    const path = choice.filePaths[0];
    return { ok: true, data: choice.canceled || !path ? { picked: false, path: null } : { picked: true, path } };
  } catch (error) {
    return failure(error);
  }
}
