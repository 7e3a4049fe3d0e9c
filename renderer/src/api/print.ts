/** The shell's print and save-as-PDF, when it has them (Electron's preload bridge). */
import type { BridgeCore } from '../../../shared/bridge.ts';

export type PrintBridge = Pick<BridgeCore, 'print' | 'printToPDF'>;

/** Electron's print bridge, or undefined in the browser shell (which prints with the browser's own dialog). */
export function electronBridge(): PrintBridge | undefined {
  const bridge = (window as Window & { huitou?: Partial<PrintBridge> }).huitou;
  return bridge?.print && bridge.printToPDF ? (bridge as PrintBridge) : undefined;
}
