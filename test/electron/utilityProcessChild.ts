/**
 * Plays Electron's utility process in a plain Node child (FakeUtilityProcess forks this file): it gives
 * the child a `process.parentPort` over the fork channel, as Electron would, then runs the entry asked
 * for (argv[2]: hostProcess.ts from the sources, or the built backend.cjs) with the remaining arguments.
 */
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

const entry = process.argv[2]!;
process.argv.splice(2, 1);
const parentPort = Object.assign(new EventEmitter(), {
  postMessage: (message: unknown) => process.send!(message),
});
process.on('message', (data) => parentPort.emit('message', { data, ports: [] }));
Object.assign(process, { parentPort });
await import(pathToFileURL(entry).href);
