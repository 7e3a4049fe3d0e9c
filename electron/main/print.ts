/**
 * Printing the current page (the reminder list, the collection list) on paper or into an A4 PDF.
 * Chromium applies the page's print stylesheet in both cases.
 */
import { join } from 'node:path';
import type { BrowserWindow, Dialog, WebContents } from 'electron';
import type { PdfResult, PrintResult } from '../../shared/bridge.ts';
import type { Envelope } from '../../shared/errors.ts';

export const MAX_PDF_NAME = 80;

/** A safe file name from what the renderer suggested: no folders, no reserved characters, ends in .pdf. */
export function pdfFileName(suggested: unknown): string {
  const raw = typeof suggested === 'string' ? suggested : '';
  const cleaned = raw
    .replace(/\.pdf$/i, '')
    .replace(/[\p{Cc}<>:"/\\|?*]/gu, '-')
    .replace(/^[.\s-]+|[.\s]+$/g, '')
    .slice(0, MAX_PDF_NAME);
  return `${cleaned || 'Huitou'}.pdf`;
}

function failure<T>(error: unknown): Envelope<T> {
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, error: { code: 'INTERNAL', message } };
}

export function printContents(contents: Pick<WebContents, 'print'>): Promise<Envelope<PrintResult>> {
  return new Promise((resolve) => {
    try {
      contents.print({ silent: false, printBackground: true }, (success, failureReason) => {
        resolve({ ok: true, data: { printed: success, failureReason: success ? null : failureReason || 'failed' } });
      });
    } catch (error) {
      resolve(failure(error));
    }
  });
}

export interface PdfDeps {
  dialog: Pick<Dialog, 'showSaveDialog'>;
  writeFile: (path: string, data: Uint8Array) => Promise<void>;
  /** The folder the save dialog starts in (the user's Documents). */
  defaultDir: () => string;
}

export async function saveContentsAsPdf(deps: PdfDeps, win: BrowserWindow, suggestedName: unknown): Promise<Envelope<PdfResult>> {
  try {
    const choice = await deps.dialog.showSaveDialog(win, {
      defaultPath: join(deps.defaultDir(), pdfFileName(suggestedName)),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
      properties: ['showOverwriteConfirmation', 'createDirectory'],
    });
    if (choice.canceled || !choice.filePath) return { ok: true, data: { saved: false, path: null } };
    const path = /\.pdf$/i.test(choice.filePath) ? choice.filePath : `${choice.filePath}.pdf`;
    // The page's own @page size wins (the 80 mm receipt layout); A4 is for a page that names none.
    const pdf = await win.webContents.printToPDF({ pageSize: 'A4', preferCSSPageSize: true, printBackground: true });
    await deps.writeFile(path, pdf);
    return { ok: true, data: { saved: true, path } };
  } catch (error) {
    return failure(error);
  }
}
