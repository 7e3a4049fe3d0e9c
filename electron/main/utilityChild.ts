/**
 * The backend host (dist-electron/backend.cjs) as an Electron utility process, seen through the
 * adapter the shared client drives (hostClient.ts): main never opens the book itself.
 */
import type { ForkOptions, UtilityProcess } from 'electron';
import type { ChildAdapter } from '../backend/hostClient.ts';
import { HOST_V8_FLAGS } from '../backend/hostProtocol.ts';

export type UtilityProcessModule = { fork(modulePath: string, args?: string[], options?: ForkOptions): Pick<UtilityProcess, 'postMessage' | 'on' | 'kill'> };

export const BACKEND_ENTRY = 'backend.cjs';

export function utilityChild(utilityProcess: UtilityProcessModule, modulePath: string, args: string[]): ChildAdapter {
  const child = utilityProcess.fork(modulePath, args, { serviceName: 'Huitou backend', stdio: 'inherit', execArgv: [...HOST_V8_FLAGS] });
  // A fatal V8 error in the backend (out of memory in a runaway job) is emitted as 'error' before 'exit': with no
  // listener, Node's EventEmitter would throw it in main, the very crash the separate process is there to absorb.
  // 'exit' follows and restarts the backend.
  child.on('error', () => {});
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
