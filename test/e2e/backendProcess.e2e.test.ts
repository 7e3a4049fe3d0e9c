import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shellAndBrowser } from './harness.ts';

const app = shellAndBrowser();

/** The pids of the backend hosts serving `dataDir` (the browser shell's forked children), from /proc. */
function hostPids(dataDir: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return argv.some((arg) => arg.endsWith('hostProcess.ts')) && argv.includes(dataDir);
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

describe('the browser shell and its backend process', () => {
  it('keeps serving when the backend is killed: a new one opens the same book; stopping the shell stops it', async () => {
    const shell = await app.shellOnly();
    const token = /name="huitou-token" content="([^"]+)"/.exec(await (await fetch(shell.url)).text())![1]!;
    const call = async (name: string, body: unknown) =>
      (await (await fetch(`${shell.url}api/${name}`, { method: 'POST', headers: { 'x-huitou-token': token }, body: JSON.stringify(body) })).json()) as {
        ok: boolean;
        data?: { settings?: { shopName: string } };
      };
    expect((await call('shop.startEmpty', { shopName: '老王米店', language: 'zh-CN' })).ok).toBe(true);

    const [first] = hostPids(shell.dataDir);
    expect(first).toBeDefined();
    process.kill(first!, 'SIGKILL');
    await expect.poll(() => hostPids(shell.dataDir).filter((pid) => pid !== first)).toHaveLength(1);
    expect(await call('shop.info', {})).toMatchObject({ ok: true, data: { settings: { shopName: '老王米店' } } });

    await app.stop();
    expect(hostPids(shell.dataDir)).toEqual([]);
  });
});
