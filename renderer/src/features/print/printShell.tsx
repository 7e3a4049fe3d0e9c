/** What every print view does around its own page: the frame (toolbar, paper), print (Electron or the browser), Escape, the heading. */
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Flex, Segmented, Spin } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { electronBridge } from '../../api/print.ts';
import { errorText } from '../../components/errors.ts';
import { closePrintView, replacePrintRoute, type PrintKind, type PrintLayout, type PrintRoute } from '../../components/printRoute.ts';
import { isCtrlLetter } from '../../components/shortcuts.ts';
import { useAppStore } from '../../store/store.ts';
import { pageRule } from './printPage.ts';

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
    else if (!result.data.printed && result.data.failureReason !== 'cancelled')
      void message.warning(t('print.printFailed', { reason: result.data.failureReason }));
  }, [message, t]);
}

/**
 * The Print buttons and Ctrl+P open a print view asking to print at once: once the page is drawn
 * (`ready`), and only once (the request leaves the address, so a reload does not print again).
 */
function useAutoPrint(ready: boolean, route: PrintRoute, print: () => Promise<void>) {
  useEffect(() => {
    if (!ready || !route.autoPrint) return;
    replacePrintRoute({ ...route, autoPrint: false });
    const fonts = document.fonts?.ready ?? Promise.resolve();
    void fonts.then(() => requestAnimationFrame(() => void print()));
  }, [ready, route, print]);
}

/**
 * Escape leaves the print view, as the Back button does; Ctrl+P prints it, as the Print button does (in
 * the desktop app on Windows the menu leaves Ctrl+P to the page, so nothing else would).
 */
function usePrintViewKeys(print: () => Promise<void>, ready: boolean) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closePrintView();
      else if (isCtrlLetter(event, 'p')) {
        event.preventDefault();
        // Like the Print button: not before the page is drawn (a sheet of "loading" is no use).
        if (!event.repeat && ready) void print();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [print, ready]);
}

/**
 * What a PDF of this print is called: what it is, whose or which area, the day (联系名单-2026-12-07,
 * 对账单-王芳-2026-12-07). Chromium names a browser's "save as PDF" after the page's title.
 */
export function printFileName(t: TFunction, kind: PrintKind, who: string, date: string): string {
  return [t(`print.fileName.${kind}`), who, date].filter(Boolean).join('-');
}

/** The page's title is the PDF's name while the print is on screen (the app's own name again after). */
function useDocumentTitle(title: string, ready: boolean) {
  useEffect(() => {
    if (!ready || !title) return;
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title, ready]);
}

/** A4 sheets or an 80 mm slip, for the views that print both. */
export function LayoutSwitch({ route }: { route: PrintRoute }) {
  const { t } = useTranslation();
  return (
    <Segmented<PrintLayout>
      value={route.layout}
      onChange={(layout) => replacePrintRoute({ ...route, layout, autoPrint: false })}
      options={[
        { value: 'a4', label: t('print.layoutA4') },
        { value: 'receipt', label: t('print.layoutReceipt') },
      ]}
    />
  );
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
 * A print view's page: the paper's @page rule (each A4 sheet's foot says the shop, then `footer`), a
 * toolbar (Back, `tools`, Print, `moreTools`) that is not printed, and the paper: a spinner until
 * `ready`, then `children`. Once ready it prints by itself when the route asks; Escape goes back.
 * `layout`: the route's unless the view has only one.
 */
export function PrintFrame({
  route,
  layout = route.layout,
  footer,
  fileName,
  ready,
  tools,
  moreTools,
  children,
}: {
  route: PrintRoute;
  layout?: PrintLayout;
  footer: string;
  /** The PDF's name, without .pdf (printFileName). */
  fileName: string;
  ready: boolean;
  tools?: ReactNode;
  moreTools?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const shopName = useAppStore((s) => s.info?.settings.shopName ?? '');
  const print = usePrint();
  useAutoPrint(ready, route, print);
  usePrintViewKeys(print, ready);
  useDocumentTitle(fileName, ready);
  return (
    <div className={`print-root print-${layout}`}>
      <style>{pageRule(layout, ready ? `${shopName || t('app.name')} · ${footer}` : '')}</style>
      <Flex className="print-toolbar" gap={8} align="center" wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={closePrintView}>
          {t('print.back')}
        </Button>
        {tools}
        <Button type="primary" icon={<PrinterOutlined />} disabled={!ready} onClick={() => void print()}>
          {t('print.print')}
        </Button>
        {moreTools}
      </Flex>
      <div className="print-paper">{ready ? children : <Spin description={t('print.loading')} />}</div>
    </div>
  );
}
