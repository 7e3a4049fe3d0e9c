/**
 * What the browser shell's picker may show (it has no system dialog): the data folder's own backups/
 * and exports/, the folders used lately, the removable drives, the user's home. `browse` lists one
 * folder under one of those places and nothing else: the path is resolved (symbolic links and "..")
 * before it is compared, so a link inside home that points at /etc is refused like /etc itself.
 * Reading only; the one file written is the list of recent folders, beside the book.
 */
import { mkdirSync, readdirSync, type Dirent, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, extname, isAbsolute, join, sep } from 'node:path';
import { AppError } from '../../../../shared/errors.ts';
import { localBackupsDir } from './backupFiles.ts';
import type { BackupTarget } from './drives.ts';

export const EXPORTS_FOLDER = 'exports';
const RECENT_FILE = 'recent-folders.json';
export const RECENT_KEPT = 6;
/** A folder of more entries lists this many (folders first) and says it cut the list. */
export const BROWSE_MAX_ENTRIES = 500;

export type PlaceKind = 'backups' | 'exports' | 'recent' | 'removable' | 'volume' | 'home';

export interface Place {
  path: string;
  label: string;
  kind: PlaceKind;
}

export interface FolderEntry {
  name: string;
  path: string;
  kind: 'folder' | 'file';
  sizeBytes: number | null;
  modifiedAt: string | null;
}

export interface FolderListing {
  path: string;
  /** The folder above, while it is still inside the same place; null at a place's top. */
  parent: string | null;
  entries: FolderEntry[];
  truncated: boolean;
}

export interface PlacesDeps {
  dataDir: string;
  targets: () => BackupTarget[];
  home?: () => string;
}

function realFolder(path: string): string | null {
  try {
    const real = realpathSync(path);
    return statSync(real).isDirectory() ? real : null;
  } catch {
    return null;
  }
}

const inside = (path: string, root: string) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

export function createPlaces(deps: PlacesDeps) {
  const recentFile = join(deps.dataDir, RECENT_FILE);
  const home = deps.home ?? homedir;

  function recent(): string[] {
    try {
      const list = JSON.parse(readFileSync(recentFile, 'utf8')) as unknown;
      return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string' && isAbsolute(p)) : [];
    } catch {
      return [];
    }
  }

  /** A folder a backup, export, import or restore was started with: first in the recent list. */
  function remember(folder: string) {
    const real = realFolder(folder);
    if (!real) return;
    const list = [real, ...recent().filter((p) => p !== real)].slice(0, RECENT_KEPT);
    try {
      const temp = `${recentFile}.tmp`;
      writeFileSync(temp, JSON.stringify(list));
      renameSync(temp, recentFile);
    } catch {
      // A list of conveniences: a read-only data folder must not fail the backup it was for.
    }
  }

  /** The folder of a sheet or backup a job was started with, if that file is there (a typo is no place to offer). */
  function rememberFileFolder(file: string) {
    if (statSync(file, { throwIfNoEntry: false })?.isFile()) remember(dirname(file));
  }

  /** Every place that exists now; backups/ and exports/ are made when missing (they are the app's own). */
  function list(): Place[] {
    const own = (kind: 'backups' | 'exports', path: string): Place[] => {
      try {
        mkdirSync(path, { recursive: true });
      } catch {
        return [];
      }
      return [{ path, label: basename(path), kind }];
    };
    const places: Place[] = [
      ...own('backups', localBackupsDir(deps.dataDir)),
      ...own('exports', join(deps.dataDir, EXPORTS_FOLDER)),
      ...recent()
        .filter((p) => realFolder(p) !== null)
        .map((path) => ({ path, label: basename(path) || path, kind: 'recent' as const })),
      ...deps.targets().map((t) => ({ path: t.path, label: t.label, kind: t.kind })),
    ];
    const homeDir = home();
    if (homeDir && realFolder(homeDir)) places.push({ path: homeDir, label: basename(homeDir) || homeDir, kind: 'home' });
    return places;
  }

  function browse(path: string, show: 'folders' | 'files', extensions: string[]): FolderListing {
    const real = isAbsolute(path) ? realFolder(path) : null;
    if (!real) throw new AppError('FOLDER_UNAVAILABLE', `not a folder: ${path}`, { details: { path } });
    const roots = list()
      .map((p) => realFolder(p.path))
      .filter((p): p is string => p !== null);
    const root = roots.filter((r) => inside(real, r)).sort((a, b) => b.length - a.length)[0];
    if (!root) throw new AppError('FOLDER_NOT_OFFERED', `outside the places offered: ${path}`, { details: { path } });
    const wanted = new Set(extensions.map((e) => `.${e.toLowerCase()}`));
    let names: Dirent[];
    try {
      names = readdirSync(real, { withFileTypes: true });
    } catch {
      throw new AppError('FOLDER_UNAVAILABLE', `cannot read: ${path}`, { details: { path } });
    }
    const entries: FolderEntry[] = [];
    for (const d of names) {
      if (d.name.startsWith('.')) continue;
      const full = join(real, d.name);
      const folder = d.isDirectory() || (d.isSymbolicLink() && realFolder(full) !== null);
      if (folder) entries.push({ name: d.name, path: full, kind: 'folder', sizeBytes: null, modifiedAt: null });
      else if (show === 'files' && d.isFile() && (wanted.size === 0 || wanted.has(extname(d.name).toLowerCase()))) {
        const stat = statSync(full, { throwIfNoEntry: false });
        entries.push({ name: d.name, path: full, kind: 'file', sizeBytes: stat?.size ?? null, modifiedAt: stat?.mtime.toISOString() ?? null });
      }
    }
    const collator = new Intl.Collator('zh-CN', { numeric: true });
    entries.sort((a, b) => (a.kind === b.kind ? collator.compare(a.name, b.name) : a.kind === 'folder' ? -1 : 1));
    return {
      path: real,
      parent: real === root ? null : dirname(real),
      entries: entries.slice(0, BROWSE_MAX_ENTRIES),
      truncated: entries.length > BROWSE_MAX_ENTRIES,
    };
  }

  return { list, browse, remember, rememberFileFolder };
}
export type Places = ReturnType<typeof createPlaces>;
