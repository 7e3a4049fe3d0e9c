/**
 * What the Electron preload puts on `window.huitou`: the shape both sides agree on.
 * The renderer imports this (never electron/); the preload implements it; main answers the channels.
 * Every function resolves with an Envelope and never rejects for an expected failure.
 */
import type { CallInput, CallName, CallOutput } from './contract.ts';
import type { Envelope } from './errors.ts';

/** The global the preload exposes: `window.huitou`. */
export const BRIDGE_GLOBAL = 'huitou';

/** The IPC channels between preload and main; nothing else is listened to. */
export const IPC_CHANNELS = {
  call: 'huitou:call',
  print: 'huitou:print',
  printToPDF: 'huitou:printToPDF',
  pickFolder: 'huitou:pickFolder',
  pickFile: 'huitou:pickFile',
} as const;

export interface PrintResult {
  /** False when the user cancelled the print dialog or printing failed. */
  printed: boolean;
  /** Chromium's reason when not printed, e.g. 'cancelled'; null when printed. */
  failureReason: string | null;
}

export interface PdfResult {
  /** False when the user cancelled the save dialog. */
  saved: boolean;
  /** Where the PDF was written, or null when not saved. */
  path: string | null;
}

/** What a folder or file picker answered: the absolute path, or picked: false when cancelled. */
export interface PickResult {
  picked: boolean;
  path: string | null;
}

/** A file type offered by the file picker, e.g. `{ name: 'Excel / CSV', extensions: ['xlsx', 'csv'] }`. */
export interface FileFilter {
  name: string;
  extensions: string[];
}

/** One function per contract call, e.g. `bridge['customers.search']({ query: 'zsf' })`. */
export type BridgeCalls = { [N in CallName]: (input: CallInput<N>) => Promise<Envelope<CallOutput<N>>> };

export interface BridgeCore {
  /** The generic form: any call by name (the backend rejects unknown names with UNKNOWN_CALL). */
  call(name: string, input: unknown): Promise<Envelope<unknown>>;
  /** Print the current page with the system print dialog. */
  print(): Promise<Envelope<PrintResult>>;
  /** Ask where to save, then write the current page as an A4 PDF. `defaultName` without extension. */
  printToPDF(defaultName: string): Promise<Envelope<PdfResult>>;
  /** The system's folder picker (a backup target, an export folder). */
  pickFolder(): Promise<Envelope<PickResult>>;
  /** The system's file picker (a backup to restore, a sheet to import); all files when no filters. */
  pickFile(filters?: FileFilter[]): Promise<Envelope<PickResult>>;
}

export type HuitouBridge = BridgeCore & BridgeCalls;
