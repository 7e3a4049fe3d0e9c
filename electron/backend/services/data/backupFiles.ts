/**
 * Names of backup files, and the automatic ones in <dataDir>/backups/:
 *   auto-20261122-100000.sqlite                  every few hours of use, and at start
 *   before-restore-20261122-100000.sqlite        the safety copy a restore can be undone with
 *   before-migration-v2-20261122-100000.sqlite   made by db/open.ts before an app update migrates the book
 * Local names carry the UTC time (sortable, no daylight-saving ambiguity); a second backup in the same
 * second gets "-2", "-3"... A backup to a USB stick is named for people: shop name and local date-time.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const BACKUPS_FOLDER = 'backups';
export const BACKUP_EXTENSION = '.sqlite';

export type LocalBackupKind = 'auto' | 'before-restore' | 'before-migration';

export interface LocalBackup {
  file: string;
  name: string;
  kind: LocalBackupKind;
  createdAt: string;
  sizeBytes: number;
  /** before-migration only: the schema version the book had. */
  fromVersion: number | null;
}

export function localBackupsDir(dataDir: string): string {
  return join(dataDir, BACKUPS_FOLDER);
}

/** "20261122-100000" in UTC, as db/open.ts names its pre-migration copies. */
export function utcStamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "20261122-100000" in local time, for names people read. */
export function localStamp(at: Date): string {
  return `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
export const MAX_NAME_PART = 40;

/** A name safe on Windows (FAT32/exFAT sticks included), macOS and Linux; `fallback` when nothing is left. */
export function sanitizeFileName(name: string, fallback = 'Huitou'): string {
  const cleaned = [
    ...name
      .normalize('NFC')
      .replace(/[\p{Cc}<>:"/\\|?*]/gu, '-')
      .replace(/\s+/g, ' '),
  ]
    .slice(0, MAX_NAME_PART)
    .join('')
    .replace(/^[\s.-]+|[\s.]+$/g, '');
  if (!cleaned || WINDOWS_RESERVED.test(cleaned)) return fallback;
  return cleaned;
}

/**
 * A path in `folder` for `base` + `extension` that does not exist yet: base.ext, base-2.ext, ...
 * `taken`: names already promised to a backup under way, whose files may not exist yet.
 */
export function uniquePath(folder: string, base: string, extension: string, taken: (path: string) => boolean = () => false): string {
  let candidate = join(folder, `${base}${extension}`);
  for (let n = 2; existsSync(candidate) || existsSync(`${candidate}.tmp`) || taken(candidate); n++) candidate = join(folder, `${base}-${n}${extension}`);
  return candidate;
}

/** E.g. "幸福米店-回头客备份-20261122-100000.sqlite" */
export function backupFileBase(shopName: string, at: Date): string {
  return `${sanitizeFileName(shopName, 'Huitou')}-回头客备份-${localStamp(at)}`;
}

const LOCAL_NAME = /^(auto|before-restore|before-migration-v(\d+))-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-\d+)?\.sqlite$/;

export function parseLocalBackupName(name: string): { kind: LocalBackupKind; createdAt: string; fromVersion: number | null } | null {
  const m = LOCAL_NAME.exec(name);
  if (!m) return null;
  const kind: LocalBackupKind = m[1] === 'auto' ? 'auto' : m[1] === 'before-restore' ? 'before-restore' : 'before-migration';
  const createdAt = new Date(Date.UTC(Number(m[3]), Number(m[4]) - 1, Number(m[5]), Number(m[6]), Number(m[7]), Number(m[8])));
  if (Number.isNaN(createdAt.getTime())) return null;
  return { kind, createdAt: createdAt.toISOString(), fromVersion: m[2] ? Number(m[2]) : null };
}

/** The automatic backups, newest first; files that are not ours by name (and .tmp leftovers) are ignored. */
export function listLocalBackups(dataDir: string): LocalBackup[] {
  const dir = localBackupsDir(dataDir);
  if (!existsSync(dir)) return [];
  const found: LocalBackup[] = [];
  const writtenAt = new Map<LocalBackup, number>();
  for (const name of readdirSync(dir)) {
    const parsed = parseLocalBackupName(name);
    if (!parsed) continue;
    const file = join(dir, name);
    try {
      const stat = statSync(file);
      if (!stat.isFile()) continue;
      const backup = { file, name, ...parsed, sizeBytes: stat.size };
      writtenAt.set(backup, stat.mtimeMs);
      found.push(backup);
    } catch {
      // removed while listing: not there
    }
  }
  // Within one second the names say nothing of the order (a "-n" name can be reused once rotation removed
  // the first): the later file is the one written later. Newest first, so that rotation, which keeps the
  // first ones, never removes the safety backup a restore has just made.
  return found.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (writtenAt.get(b) ?? 0) - (writtenAt.get(a) ?? 0));
}
