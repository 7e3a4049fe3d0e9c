/**
 * The backend host (dist-electron/backend.cjs) as an Electron utility process, seen through the
 * adapter the shared client drives (hostClient.ts): main never opens the book itself.
 */
import type { ForkOptions, UtilityProcess } from 'electron';
import type { ChildAdapter } from '../backend/hostClient.ts';

export type UtilityProcessModule = { fork(modulePath: string, args?: string[], options?: ForkOptions): Pick<UtilityProcess, 'postMessage' | 'on' | 'kill'> };

export const BACKEND_ENTRY = 'backend.cjs';

export function utilityChild(utilityProcess: UtilityProcessModule, modulePath: string, args: string[]): ChildAdapter {
  const child = utilityProcess.fork(modulePath, args, { serviceName: 'Huitou backend', stdio: 'inherit' });
  return {
    post: (message) => child.postMessage(message),
    onMessage: (listener) => {
      child.on('message', listener);
    },
    onExit: (listener) => {
      child.on('exit', listener);
    },
    kill: () => {
      child.kill();
    },
  };
}
