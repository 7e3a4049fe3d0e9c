/** What every print view does around its own page: print (Electron or the browser), Escape, the heading. */
import { App } from 'antd';
import type { ReactNode } from 'react';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/errors.ts';
import { closePrintView, replacePrintRoute, type PrintRoute } from '../../components/printRoute.ts';
import { useAppStore } from '../../store/store.ts';
import { electronBridge } from './printPage.ts';

/** Prints the page: Electron's print dialog when there is one (saying why it failed), else the browser's. */
export function usePrint(): () => Promise<void> {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return useCallback(async () => {
    const bridge = electronBridge();
    if (!bridge) {
      window.print();
      return;
    }
    const result = await bridge.print();
    if (!result.ok) void message.error(errorText(t, result.error));
    else if (!result.data.printed && result.data.failureReason !== 'cancelled') void message.warning(t('print.printFailed', { reason: result.data.failureReason }));
  }, [message, t]);
}

/**
 * The Print buttons and Ctrl+P open a print view asking to print at once: once the page is drawn
 * (`ready`), and only once (the request leaves the address, so a reload does not print again).
 */
export function useAutoPrint(ready: boolean, route: PrintRoute, print: () => Promise<void>) {
  useEffect(() => {
    if (!ready || !route.autoPrint) return;
    replacePrintRoute({ ...route, autoPrint: false });
    const fonts = document.fonts?.ready ?? Promise.resolve();
    void fonts.then(() => requestAnimationFrame(() => void print()));
  }, [ready, route, print]);
}

/** Escape leaves the print view, as the Back button does. */
export function useEscapeClosesPrintView() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closePrintView();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** The top of the first sheet: the shop, what this is, and the date. */
export function PrintHeader({ title, date }: { title: ReactNode; date: string }) {
  const { t } = useTranslation();
  const shopName = useAppStore((s) => s.info?.settings.shopName ?? '');
  return (
    <header className="print-header">
      <div>
        <div className="print-shop">{shopName || t('app.name')}</div>
        <h1>{title}</h1>
      </div>
      <div className="print-date">{date}</div>
    </header>
  );
}

/**
 * A section's title as the first row of its table's header, which the browser repeats on every page:
 * a sheet that begins in the middle of a section still says which one it is.
 */
export function SectionCaptionRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr className="print-section-row">
      <th colSpan={columns}>
        <h2>{children}</h2>
      </th>
    </tr>
  );
}
