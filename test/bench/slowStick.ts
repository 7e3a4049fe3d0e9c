/**
 * A USB stick as slow as a real one, for the backup bench: an ext4 image on a loop device whose writes
 * the kernel throttles (cgroup v1 blkio.throttle.write_bps_device on the loop device, in the root blkio
 * cgroup, so the kernel's own writeback threads are held to it too). Without it, a "stick" is a folder
 * on the same disk, where a plain copy ends in the page cache and the backup's verification (CPU work)
 * is all that is left to compare.
 *
 * Needs root, loop devices and the blkio controller; returns why not when any is missing, and the bench
 * says so instead of a number.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const THROTTLE = '/sys/fs/cgroup/blkio/blkio.throttle.write_bps_device';

export interface SlowStick {
  dir: string;
  bytesPerSecond: number;
  dispose(): void;
}

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    .toString()
    .trim();
}

/** A mounted stick of `sizeBytes` writing `bytesPerSecond`, or the reason none can be made here. */
export function makeSlowStick(sizeBytes: number, bytesPerSecond: number): SlowStick | { unavailable: string } {
  if (process.getuid?.() !== 0) return { unavailable: 'needs root (loop device, mount, blkio throttle)' };
  if (!existsSync(THROTTLE)) return { unavailable: `no cgroup v1 blkio throttle (${THROTTLE})` };
  const parent = mkdtempSync(join(tmpdir(), 'huitou-stick-'));
  const image = join(parent, 'stick.img');
  const dir = join(parent, 'mnt');
  let device: string | null = null;
  let mounted = false;
  let throttled: string | null = null;
  const dispose = () => {
    try {
      if (throttled) writeFileSync(THROTTLE, `${throttled} 0`);
      if (mounted) run('umount', [dir]);
      if (device) run('losetup', ['-d', device]);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  };
  try {
    run('truncate', ['-s', String(sizeBytes), image]);
    device = run('losetup', ['-f', '--show', image]);
    run('mkfs.ext4', ['-q', device]);
    run('mkdir', ['-p', dir]);
    run('mount', [device, dir]);
    mounted = true;
    throttled = readFileSync(`/sys/block/${basename(device)}/dev`, 'utf8').trim();
    writeFileSync(THROTTLE, `${throttled} ${bytesPerSecond}`);
    return { dir, bytesPerSecond, dispose };
  } catch (error) {
    dispose();
    return { unavailable: `could not make a throttled loop device: ${(error as Error).message.split('\n')[0]}` };
  }
}
