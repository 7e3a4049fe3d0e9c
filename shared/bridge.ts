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

/** One function per contract call, e.g. `bridge['customers.search']({ query: 'zsf' })`. */
export type BridgeCalls = { [N in CallName]: (input: CallInput<N>) => Promise<Envelope<CallOutput<N>>> };

export interface BridgeCore {
  /** The generic form: any call by name (the backend rejects unknown names with UNKNOWN_CALL). */
  call(name: string, input: unknown): Promise<Envelope<unknown>>;
  /** Print the current page with the system print dialog. */
  print(): Promise<Envelope<PrintResult>>;
  /** Ask where to save, then write the current page as an A4 PDF. `defaultName` without extension. */
  printToPDF(defaultName: string): Promise<Envelope<PdfResult>>;
}

export type HuitouBridge = BridgeCore & BridgeCalls;
