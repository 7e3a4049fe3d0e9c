/**
 * The backend host's process entry (host.ts). Electron starts it as a utility process (built as
 * dist-electron/backend.cjs; messages come on process.parentPort), the browser shell and the tests
 * with child_process.fork (process.send / 'message'). The options come as argv flags (hostProtocol.ts)
 * and HUITOU_NOW.
 */
import { openBackend } from './backend.ts';
import { hostOptionsFrom, serveBackend, type HostPort } from './host.ts';
import type { ChildMessage } from './hostProtocol.ts';

/** Electron's `process.parentPort` in a utility process (typed here: this file must not import electron). */
interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function portToParent(): HostPort | null {
  const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
  if (parentPort) {
    return {
      post: (message: ChildMessage) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
    };
  }
  const send = process.send?.bind(process);
  if (!send) return null;
  return {
    post: (message: ChildMessage) => {
      // A parent gone away fails the send; 'disconnect' below ends this process.
      send(message, () => {});
    },
    onMessage: (listener) => process.on('message', listener),
  };
}

const port = portToParent();
if (!port) {
  console.error('The backend host runs as a child of Huitou (a utility process or a forked Node process), not on its own.');
  process.exit(2);
}

let exiting = false;
const exit = () => {
  if (exiting) return;
  exiting = true;
  void served.closeWhenIdle().then(() => process.exit(0));
};
const served = serveBackend(port, () => openBackend(hostOptionsFrom(process.argv, process.env)), exit);
process.on('SIGTERM', exit);
// Ctrl+C in a terminal reaches the whole process group: the parent leads, and sends 'close' when it stops.
process.on('SIGINT', () => {});
// A forked child whose parent died (even by kill -9) is told by its channel closing: it closes the book too.
process.on('disconnect', exit);
