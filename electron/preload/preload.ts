/**
 * The sandboxed preload (bundled to dist-electron/preload.cjs): puts `window.huitou` in the page,
 * with one function per contract call plus `call`, `print` and `printToPDF`. Each only forwards
 * to main over a fixed channel; no Electron or Node object reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, IPC_CHANNELS, type HuitouBridge } from '../../shared/bridge.ts';
import { callNames } from '../../shared/contract.ts';
import type { Envelope } from '../../shared/errors.ts';

export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;

export function createBridge(invoke: Invoke): HuitouBridge {
  const call = (name: string, input: unknown) => invoke(IPC_CHANNELS.call, name, input) as Promise<Envelope<unknown>>;
  const bridge: Record<string, unknown> = {
    call,
    print: () => invoke(IPC_CHANNELS.print),
    printToPDF: (defaultName: string) => invoke(IPC_CHANNELS.printToPDF, defaultName),
  };
  for (const name of callNames) bridge[name] = (input: unknown) => call(name, input);
  return Object.freeze(bridge) as unknown as HuitouBridge;
}

contextBridge.exposeInMainWorld(
  BRIDGE_GLOBAL,
  createBridge((channel, ...args) => ipcRenderer.invoke(channel, ...args)),
);
