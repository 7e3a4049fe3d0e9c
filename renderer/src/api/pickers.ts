/**
 * The system's folder and file pickers, when the shell has them (Electron's preload bridge).
 * In the browser shell there is no picker: the screen asks for a path to be typed or pasted instead.
 */
import type { Envelope } from '../../../shared/errors.ts';
import type { FileFilter, PickResult } from '../../../shared/bridge.ts';

export type { FileFilter };

interface PickerWindow {
  huitou?: {
    pickFolder?: () => Promise<Envelope<PickResult>>;
    pickFile?: (filters?: FileFilter[]) => Promise<Envelope<PickResult>>;
  };
}

function bridge(win: Window & PickerWindow = window as Window & PickerWindow) {
  return win.huitou;
}

/** True when a system picker can be shown (Electron); false in the browser shell. */
export function hasPickers(): boolean {
  const b = bridge();
  return typeof b?.pickFolder === 'function' && typeof b.pickFile === 'function';
}

function pathOf(envelope: Envelope<PickResult>): string | null {
  if (!envelope.ok) return null;
  return envelope.data.picked ? envelope.data.path : null;
}

/** The chosen folder's absolute path, or null when cancelled or when there is no picker. */
export async function pickFolder(): Promise<string | null> {
  const b = bridge();
  if (!b?.pickFolder) return null;
  return pathOf(await b.pickFolder());
}

/** The chosen file's absolute path, or null when cancelled or when there is no picker. */
export async function pickFile(filters?: FileFilter[]): Promise<string | null> {
  const b = bridge();
  if (!b?.pickFile) return null;
  return pathOf(await b.pickFile(filters));
}
