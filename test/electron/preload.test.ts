import { vi } from 'vitest';

const exposed = vi.hoisted(() => ({ calls: [] as [string, Record<string, unknown>][] }));
const invoke = vi.hoisted(() => vi.fn(async (...args: unknown[]) => ({ ok: true, data: args })));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: Record<string, unknown>) => {
      exposed.calls.push([key, api]);
    },
  },
  ipcRenderer: { invoke, send: vi.fn(), on: vi.fn() },
}));

import { BRIDGE_GLOBAL, IPC_CHANNELS } from '../../shared/bridge.ts';
import { callNames } from '../../shared/contract.ts';

await import('../../electron/preload/preload.ts');

describe('preload bridge', () => {
  const [key, api] = exposed.calls[0]!;

  it('exposes exactly one global, window.huitou', () => {
    expect(exposed.calls).toHaveLength(1);
    expect(key).toBe(BRIDGE_GLOBAL);
    expect(BRIDGE_GLOBAL).toBe('huitou');
  });

  it('has one function per contract call, plus call, print and printToPDF, and nothing else', () => {
    expect(Object.keys(api).sort()).toEqual([...callNames, 'call', 'print', 'printToPDF', 'pickFolder', 'pickFile'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(callNames.length).toBeGreaterThan(10);
  });

  it('exposes no Electron or Node object: ipcRenderer stays in the preload', () => {
    const values = Object.values(api);
    expect(values).not.toContain(invoke);
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipc|require|process|electron/i);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('forwards each named call over huitou:call with its own name and the input', async () => {
    for (const name of callNames) {
      invoke.mockClear();
      const input = { probe: name };
      const result = await (api[name] as (input: unknown) => Promise<unknown>)(input);
      expect(invoke).toHaveBeenCalledTimes(1);
      expect(invoke).toHaveBeenCalledWith(IPC_CHANNELS.call, name, input);
      expect(result).toEqual({ ok: true, data: [IPC_CHANNELS.call, name, input] });
    }
  });

  it('forwards call, print, printToPDF and the pickers on their channels', async () => {
    invoke.mockClear();
    await (api.call as (n: string, i: unknown) => Promise<unknown>)('customers.search', { query: 'zsf' });
    await (api.print as () => Promise<unknown>)();
    await (api.printToPDF as (name: string) => Promise<unknown>)('提醒名单');
    await (api.pickFolder as () => Promise<unknown>)();
    await (api.pickFile as (f: unknown) => Promise<unknown>)([{ name: 'CSV', extensions: ['csv'] }]);
    expect(invoke.mock.calls).toEqual([
      ['huitou:call', 'customers.search', { query: 'zsf' }],
      ['huitou:print'],
      ['huitou:printToPDF', '提醒名单'],
      ['huitou:pickFolder'],
      ['huitou:pickFile', [{ name: 'CSV', extensions: ['csv'] }]],
    ]);
  });

  it('turns an IPC failure into a TRANSPORT envelope instead of a rejection', async () => {
    invoke.mockRejectedValueOnce(new Error('An object could not be cloned.'));
    const result = await (api['customers.search'] as (input: unknown) => Promise<unknown>)({ query: () => 1 });
    expect(result).toEqual({ ok: false, error: { code: 'TRANSPORT', message: 'An object could not be cloned.' } });
  });
});
