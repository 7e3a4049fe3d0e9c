import dayjs from 'dayjs';
import type { TFunction } from 'i18next';

/** 1.2 MB, 640 KB: file sizes and free space the way a shopkeeper reads them. */
export function bytesText(t: TFunction, bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '';
  const units = [
    ['gb', 1024 ** 3],
    ['mb', 1024 ** 2],
    ['kb', 1024],
  ] as const;
  for (const [unit, size] of units) {
    if (bytes >= size) {
      const n = bytes / size;
      return t(`data.bytes.${unit}`, { n: n >= 100 ? Math.round(n) : Number(n.toFixed(1)) });
    }
  }
  return t('data.bytes.b', { n: bytes });
}

/** 2026-11-22 10:00: backups need the year and the time. */
export function whenText(iso: string): string {
  return dayjs(iso).format('YYYY-MM-DD HH:mm');
}

/** Example paths in the style of this PC (Windows drive letters, macOS /Volumes, Linux /media). */
export function examplePaths(dataDir: string | undefined): { folder: string; backupFile: string; sheet: string } {
  const dir = dataDir ?? '';
  if (/^[A-Za-z]:[\\/]/.test(dir) || dir.includes('\\')) {
    return { folder: 'E:\\回头客备份', backupFile: 'E:\\回头客备份\\我的店-回头客备份-20261122-100000.sqlite', sheet: 'D:\\客户名单.xlsx' };
  }
  if (dir.startsWith('/Users/')) {
    const home = /^\/Users\/[^/]+/.exec(dir)?.[0] ?? '/Users/me';
    return {
      folder: '/Volumes/U盘/回头客备份',
      backupFile: '/Volumes/U盘/回头客备份/我的店-回头客备份-20261122-100000.sqlite',
      sheet: `${home}/Desktop/客户名单.xlsx`,
    };
  }
  const user = /^\/home\/([^/]+)/.exec(dir)?.[1] ?? 'me';
  return {
    folder: `/media/${user}/U盘/回头客备份`,
    backupFile: `/media/${user}/U盘/回头客备份/我的店-回头客备份-20261122-100000.sqlite`,
    sheet: `/home/${user}/客户名单.xlsx`,
  };
}

/** Remembered between visits: settings have no room for these, so the browser's storage keeps them. */
export function remembered(key: string): string {
  try {
    return window.localStorage.getItem(`huitou.data.${key}`) ?? '';
  } catch {
    return '';
  }
}

export function remember(key: string, value: string) {
  try {
    window.localStorage.setItem(`huitou.data.${key}`, value);
  } catch {
    // private mode or storage full: only the convenience is lost
  }
}
