import { vi } from 'vitest';
vi.mock('electron', () => {
  throw new Error('start.ts must not require electron (it would download the binary with no time limit)');
});

import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import {
  FAILED_START_MESSAGE,
  findElectronBinary,
  installedElectronBinary,
  launch,
  MISSING_BINARY_MESSAGE,
  runElectronInstaller,
  WEB_CLI,
  type DownloadOutcome,
  type LaunchDeps,
  type Probe,
  type ProbeDeps,
} from '../../scripts/start.ts';
import { tempDir } from './fakes.ts';

const electronDir = '/proj/node_modules/electron';

function probeDeps(files: Record<string, string>, download: DownloadOutcome | (() => DownloadOutcome) = 'failed', env: NodeJS.ProcessEnv = {}) {
  const downloads: number[] = [];
  const deps: ProbeDeps = {
    electronDir,
    env,
    platform: 'linux',
    exists: (path) => path in files,
    readText: (path) => files[path] ?? null,
    download: async (_dir, timeoutMs) => {
      downloads.push(timeoutMs);
      return typeof download === 'function' ? download() : download;
    },
  };
  return { deps, downloads };
}

describe('finding the Electron binary', () => {
  it('uses the binary already on disk, without downloading', async () => {
    const { deps, downloads } = probeDeps({ [`${electronDir}/path.txt`]: 'electron', [`${electronDir}/dist/electron`]: '' });
    expect(await findElectronBinary(deps)).toEqual({ binary: `${electronDir}/dist/electron` });
    expect(downloads).toEqual([]);
  });

  it('tries the download once when the binary is missing, with a time limit, and reports the failure', async () => {
    const { deps, downloads } = probeDeps({}, 'failed');
    expect(await findElectronBinary(deps)).toEqual({ binary: null, reason: 'download-failed' });
    expect(downloads).toEqual([45_000]);
  });

  it('gives up when the download times out; the limit can be set by env', async () => {
    const { deps, downloads } = probeDeps({}, 'timeout', { HUITOU_ELECTRON_DOWNLOAD_TIMEOUT_MS: '1500' });
    expect(await findElectronBinary(deps)).toEqual({ binary: null, reason: 'download-timeout' });
    expect(downloads).toEqual([1500]);
  });

  it('uses the binary a successful download put in place', async () => {
    const files: Record<string, string> = {};
    const { deps } = probeDeps(files, () => {
      files[`${electronDir}/path.txt`] = 'electron';
      files[`${electronDir}/dist/electron`] = '';
      return 'ok';
    });
    expect(await findElectronBinary(deps)).toEqual({ binary: `${electronDir}/dist/electron` });
  });

  it('does not try to download when the electron package is not installed at all', async () => {
    const { deps, downloads } = probeDeps({});
    expect(await findElectronBinary({ ...deps, electronDir: null })).toEqual({ binary: null, reason: 'not-installed' });
    expect(downloads).toEqual([]);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like electron itself', () => {
    const { deps } = probeDeps({ '/opt/electron/electron': '' }, 'failed', { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' });
    expect(installedElectronBinary(deps)).toBe('/opt/electron/electron');
  });
});

describe("running Electron's installer", () => {
  const dir = tempDir('huitou-installer-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const script = (name: string, body: string) => {
    const file = join(dir, name);
    writeFileSync(file, body);
    return file;
  };

  it('reports ok and failed from the exit code', async () => {
    expect(await runElectronInstaller(dir, 10_000, process.execPath, script('ok.cjs', 'process.exit(0)'))).toBe('ok');
    expect(await runElectronInstaller(dir, 10_000, process.execPath, script('fail.cjs', 'console.error("ENOTFOUND github.com"); process.exit(1)'))).toBe(
      'failed',
    );
  });

  it('does not hang on a download that never finishes: it stops it at the time limit', async () => {
    const pidFile = join(dir, 'pid');
    const hang = script('hang.cjs', `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000);`);
    const started = Date.now();
    expect(await runElectronInstaller(dir, 400, process.execPath, hang)).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3000);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(() => process.kill(pid, 0)).toThrow();
  });
});

/** A fake child process: the test decides when it errors or exits. */
class FakeChild extends EventEmitter {
  killed: string[] = [];
  kill(signal: string) {
    this.killed.push(signal);
    return true;
  }
}

function launchDeps(probe: Probe, script: (command: string, child: FakeChild, clock: { now: number }) => void) {
  const log: string[] = [];
  const spawned: { command: string; args: readonly string[]; options: unknown }[] = [];
  const clock = { now: 0 };
  const deps: LaunchDeps = {
    root: '/proj',
    nodePath: '/usr/bin/node22',
    log: (line) => log.push(line),
    probe: async () => probe,
    now: () => clock.now,
    spawn: (command, args, options) => {
      spawned.push({ command, args, options });
      const child = new FakeChild();
      setImmediate(() => script(command, child, clock));
      return child as unknown as ChildProcess;
    },
  };
  return { deps, log, spawned };
}

describe('npm start: choosing the shell', () => {
  const args = ['--data', '/shop', '--port', '4900'];

  it('opens the browser shell (on the built backend) with the same arguments and one sentence when Electron is missing', async () => {
    const { deps, log, spawned } = launchDeps({ binary: null, reason: 'download-failed' }, (_command, child) => child.emit('exit', 0, null));
    expect(await launch(args, deps)).toEqual({ shell: 'browser', exitCode: 0 });
    expect(log).toEqual([MISSING_BINARY_MESSAGE]);
    expect(MISSING_BINARY_MESSAGE).toMatch(/^The Electron desktop window is not available on this machine .*browser shell instead:$/);
    expect(spawned).toEqual([
      { command: '/usr/bin/node22', args: [WEB_CLI, '--built', ...args], options: expect.objectContaining({ cwd: '/proj', stdio: 'inherit' }) },
    ]);
    expect(WEB_CLI).toBe(join('electron', 'web', 'cli.ts'));
  });

  it('passes the browser shell exit code through', async () => {
    const { deps } = launchDeps({ binary: null, reason: 'download-timeout' }, (_command, child) => child.emit('exit', 3, null));
    expect((await launch(args, deps)).exitCode).toBe(3);
  });

  it('runs Electron on the project when the binary is there, and nothing else', async () => {
    const { deps, log, spawned } = launchDeps({ binary: '/proj/node_modules/electron/dist/electron' }, (_command, child, clock) => {
      clock.now += 60_000;
      child.emit('exit', 0, null);
    });
    expect(await launch(args, deps)).toEqual({ shell: 'electron', exitCode: 0 });
    expect(log).toEqual([]);
    expect(spawned).toEqual([
      { command: '/proj/node_modules/electron/dist/electron', args: ['.', ...args], options: expect.objectContaining({ cwd: '/proj', stdio: 'inherit' }) },
    ]);
  });

  it('falls back when the binary cannot be executed', async () => {
    const { deps, log, spawned } = launchDeps({ binary: '/proj/node_modules/electron/dist/electron' }, (command, child) => {
      if (command.endsWith('electron')) child.emit('error', Object.assign(new Error('spawn EACCES'), { code: 'EACCES' }));
      else child.emit('exit', 0, null);
    });
    expect(await launch(args, deps)).toEqual({ shell: 'browser', exitCode: 0 });
    expect(log).toEqual([MISSING_BINARY_MESSAGE]);
    expect(spawned.map((s) => s.command)).toEqual(['/proj/node_modules/electron/dist/electron', '/usr/bin/node22']);
  });

  it('falls back when Electron dies at once (no display, missing libraries)', async () => {
    const { deps, log, spawned } = launchDeps({ binary: '/e/electron' }, (command, child, clock) => {
      clock.now += 300;
      child.emit('exit', command === '/e/electron' ? 1 : 0, null);
    });
    expect(await launch(args, deps)).toEqual({ shell: 'browser', exitCode: 0 });
    expect(log).toEqual([FAILED_START_MESSAGE]);
    expect(spawned[1]!.args).toEqual([WEB_CLI, '--built', ...args]);
  });

  it('does not reopen anything when Electron fails after running a while', async () => {
    const { deps, log, spawned } = launchDeps({ binary: '/e/electron' }, (_command, child, clock) => {
      clock.now += 30_000;
      child.emit('exit', 1, null);
    });
    expect(await launch(args, deps)).toEqual({ shell: 'electron', exitCode: 1 });
    expect(log).toEqual([]);
    expect(spawned).toHaveLength(1);
  });
});

describe('scripts/start.ts as a process', () => {
  it('on a machine where the download fails, prints the sentence and then the browser shell output', () => {
    // A project copy whose electron installer fails like an offline download and whose browser
    // shell is a stand-in that prints its address and arguments.
    const root = tempDir('huitou-start-');
    try {
      mkdirSync(join(root, 'scripts'));
      copyFileSync(join(import.meta.dirname, '..', '..', 'scripts', 'start.ts'), join(root, 'scripts', 'start.ts'));
      writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'copy', type: 'module' }));
      mkdirSync(join(root, 'node_modules', 'electron'), { recursive: true });
      writeFileSync(join(root, 'node_modules', 'electron', 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }));
      writeFileSync(join(root, 'node_modules', 'electron', 'install.js'), 'console.error("RequestError: getaddrinfo ENOTFOUND github.com"); process.exit(1);');
      mkdirSync(join(root, 'electron', 'web'), { recursive: true });
      writeFileSync(
        join(root, 'electron', 'web', 'cli.ts'),
        "console.log('Huitou is running at http://127.0.0.1:4999/'); console.log('args ' + JSON.stringify(process.argv.slice(2))); process.exit(7);",
      );
      const result = spawnSync(process.execPath, [join(root, 'scripts', 'start.ts'), '--data', join(root, 'shop'), '--port', '4999'], {
        cwd: root,
        encoding: 'utf8',
        timeout: 20_000,
        env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: '' },
      });
      expect(result.stdout.split('\n').filter(Boolean)).toEqual([
        MISSING_BINARY_MESSAGE,
        'Huitou is running at http://127.0.0.1:4999/',
        `args ${JSON.stringify(['--built', '--data', join(root, 'shop'), '--port', '4999'])}`,
      ]);
      expect(result.stderr).not.toMatch(/ENOTFOUND/);
      expect(result.status).toBe(7);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
