/**
 * The sandboxed preload (bundled to dist-electron/preload.cjs): puts `window.huitou` in the page,
 * with one function per contract call plus `call`, `print`, `printToPDF`, `pickFolder` and `pickFile`.
 * Each only forwards to main over a fixed channel; no Electron or Node object reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, IPC_CHANNELS, type HuitouBridge } from '../../shared/bridge.ts';
import { callNames } from '../../shared/contract.ts';
import type { Envelope } from '../../shared/errors.ts';

export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;

/** IPC itself failing (an input that cannot be cloned, main gone) becomes a TRANSPORT envelope, never a rejection. */
function send(invoke: Invoke, channel: string, ...args: unknown[]): Promise<Envelope<unknown>> {
  return invoke(channel, ...args).then(
    (result) => result as Envelope<unknown>,
    (error: unknown) => ({ ok: false, error: { code: 'TRANSPORT', message: error instanceof Error ? error.message : String(error) } }),
  );
}

export function createBridge(invoke: Invoke): HuitouBridge {
  const call = (name: string, input: unknown) => send(invoke, IPC_CHANNELS.call, name, input);
  const bridge: Record<string, unknown> = {
    call,
    print: () => send(invoke, IPC_CHANNELS.print),
    printToPDF: (defaultName: string) => send(invoke, IPC_CHANNELS.printToPDF, defaultName),
    pickFolder: () => send(invoke, IPC_CHANNELS.pickFolder),
    pickFile: (filters?: unknown) => send(invoke, IPC_CHANNELS.pickFile, filters),
  };
  for (const name of callNames) bridge[name] = (input: unknown) => call(name, input);
  return Object.freeze(bridge) as unknown as HuitouBridge;
}

contextBridge.exposeInMainWorld(
  BRIDGE_GLOBAL,
  createBridge((channel, ...args) => ipcRenderer.invoke(channel, ...args)),
);
