/**
 * Where a backup can go: the removable drives this computer shows, each with its free space.
 *   Windows: removable drive letters (wmic, else PowerShell, both with a short timeout; else every
 *            existing letter from D: on, so a stick is never hidden because a tool is missing)
 *   Linux:   /media/<user>/*, /run/media/<user>/* (and /media/* where sticks are mounted directly)
 *   macOS:   /Volumes/* except the start-up disk
 * Every system call is injectable so each platform's rules are tested on any machine.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, realpathSync, statSync, statfsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, join } from 'node:path';

export interface BackupTarget {
  path: string;
  label: string;
  kind: 'removable' | 'volume';
  freeBytes: number | null;
  totalBytes: number | null;
}

export interface DriveProbe {
  platform: NodeJS.Platform;
  user: string;
  /** Runs a command with a timeout; returns stdout, or null on any failure. */
  run(command: string, args: string[]): string | null;
  listDir(dir: string): string[];
  isDir(path: string): boolean;
  isSameAsRoot(path: string): boolean;
  space(path: string): { freeBytes: number; totalBytes: number } | null;
}

const TOOL_TIMEOUT_MS = 2500;

export function freeSpace(path: string): { freeBytes: number; totalBytes: number } | null {
  try {
    const s = statfsSync(path);
    return { freeBytes: Number(s.bavail) * Number(s.bsize), totalBytes: Number(s.blocks) * Number(s.bsize) };
  } catch {
    return null;
  }
}

export const systemProbe = (): DriveProbe => ({
  platform: process.platform,
  user: (() => {
    try {
      return userInfo().username;
    } catch {
      return process.env.USER ?? '';
    }
  })(),
  run(command, args) {
    try {
      return execFileSync(command, args, { encoding: 'utf8', timeout: TOOL_TIMEOUT_MS, windowsHide: true, stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      return null;
    }
  },
  listDir(dir) {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
  isDir(path) {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  },
  isSameAsRoot(path) {
    try {
      return realpathSync(path) === '/';
    } catch {
      return false;
    }
  },
  space: freeSpace,
});

/** "D:" lines from `wmic logicaldisk where drivetype=2 get deviceid,volumename /format:csv` or PowerShell's CSV. */
export function parseWindowsDrives(output: string): { letter: string; label: string }[] {
  const drives: { letter: string; label: string }[] = [];
  for (const line of output.split(/\r?\n/)) {
    const m = /(?:^|,)"?([A-Z]):"?(?:,"?([^",]*)"?)?\s*$/i.exec(line.trim());
    if (m) drives.push({ letter: `${m[1]!.toUpperCase()}:`, label: (m[2] ?? '').trim() });
  }
  return drives;
}

function windowsTargets(probe: DriveProbe): Omit<BackupTarget, 'freeBytes' | 'totalBytes'>[] {
  const wmic = probe.run('wmic', ['logicaldisk', 'where', 'drivetype=2', 'get', 'deviceid,volumename', '/format:csv']);
  let drives = wmic ? parseWindowsDrives(wmic) : [];
  if (!wmic) {
    const ps = probe.run('powershell.exe', [
      '-NoProfile',
      '-NonInteractive',
      '-Command',
      'Get-CimInstance Win32_LogicalDisk -Filter "DriveType=2" | ForEach-Object { "$($_.DeviceID),$($_.VolumeName)" }',
    ]);
    drives = ps ? parseWindowsDrives(ps) : [];
    if (!ps) {
      // Neither tool answered: offer every existing letter but the system's C:.
      const letters = 'DEFGHIJKLMNOPQRSTUVWXYZ'.split('');
      return letters.filter((l) => probe.isDir(`${l}:\\`)).map((l) => ({ path: `${l}:\\`, label: `${l}:`, kind: 'volume' as const }));
    }
  }
  return drives.map((d) => ({ path: `${d.letter}\\`, label: d.label ? `${d.label} (${d.letter})` : d.letter, kind: 'removable' as const }));
}

function mountedUnder(probe: DriveProbe, parents: string[]): Omit<BackupTarget, 'freeBytes' | 'totalBytes'>[] {
  const seen = new Set<string>();
  const found: Omit<BackupTarget, 'freeBytes' | 'totalBytes'>[] = [];
  for (const parent of parents) {
    for (const name of probe.listDir(parent).sort()) {
      const path = join(parent, name);
      if (seen.has(path) || !probe.isDir(path) || probe.isSameAsRoot(path)) continue;
      seen.add(path);
      found.push({ path, label: basename(path), kind: 'removable' });
    }
  }
  return found;
}

export function listBackupTargets(probe: DriveProbe = systemProbe()): BackupTarget[] {
  let found: Omit<BackupTarget, 'freeBytes' | 'totalBytes'>[];
  if (probe.platform === 'win32') found = windowsTargets(probe);
  else if (probe.platform === 'darwin') found = mountedUnder(probe, ['/Volumes']);
  else {
    const user = probe.user;
    const perUser = user ? [join('/media', user), join('/run/media', user)] : [];
    // /media/<user> itself is a folder of mounts, not a mount: list what is inside, and skip it at /media.
    found = mountedUnder(probe, perUser).concat(mountedUnder(probe, ['/media']).filter((t) => basename(t.path) !== user));
  }
  return found.map((t) => ({ ...t, ...(probe.space(t.path) ?? { freeBytes: null, totalBytes: null }) }));
}
