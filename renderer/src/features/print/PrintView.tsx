import { FilePdfOutlined } from '@ant-design/icons';
import { App, Button, Segmented } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { electronBridge } from '../../api/print.ts';
import { LIMITS, type CallList, type CallOutput, type ReminderRow } from '../../../../shared/contract.ts';
import { daysBetween } from '../../../../shared/domain/dates.ts';
import { errorText } from '../../components/errors.ts';
import { longDate, money, peopleText, quantityText, shortDate } from '../../components/format.ts';
import { replacePrintRoute, type PrintRoute } from '../../components/printRoute.ts';
import { useAppStore } from '../../store/store.ts';
import { statusText } from '../callList/rowText.ts';
import { CollectionsPrint } from './CollectionsPrint.tsx';
import { groupForPrint, householdCount, type PrintArea, type PrintHousehold } from './groupForPrint.ts';
import { LayoutSwitch, PrintFrame, PrintHeader, printFileName } from './printShell.tsx';
import { A4AreaTable, HouseholdCells, ReceiptAreas, ReceiptHousehold } from './printSections.tsx';
import './print.css';

function runOutText(t: TFunction, row: ReminderRow, today: string): string {
  const late = daysBetween(row.runOutDate, today);
  return late > 0 ? t('print.runOutOverdue', { date: shortDate(t, row.runOutDate, today), count: late }) : shortDate(t, row.runOutDate, today);
}

function lastText(t: TFunction, row: ReminderRow, today: string): string {
  return `${quantityText(t, row.lastQuantity, row.unit)} ${shortDate(t, row.lastPurchaseDate, today)}`;
}

/** One household: a table section of its own (kept whole on a page), one line per product. */
function A4Household({ h, today }: { h: PrintHousehold; today: string }) {
  const { t } = useTranslation();
  return (
    <tbody className="print-household">
      {h.items.map((r, i) => {
        const late = daysBetween(r.runOutDate, today);
        const status = statusText(t, r, today);
        return (
          <tr key={r.productId} className={i === 0 ? 'print-row print-row-first' : 'print-row'}>
            {i === 0 && <HouseholdCells name={h.name} detail={peopleText(t, h)} phone={h.phone} address={h.address} rowSpan={h.items.length} />}
            <td className="c-product">{r.productName}</td>
            <td className="c-last">
              <div>{quantityText(t, r.lastQuantity, r.unit)}</div>
              <div className="print-small">{shortDate(t, r.lastPurchaseDate, today)}</div>
            </td>
            <td className="c-runout">
              <div>{shortDate(t, r.runOutDate, today)}</div>
              {late > 0 && <div className="print-small">{t('print.daysLate', { count: late })}</div>}
            </td>
            {i === 0 && (
              <td rowSpan={h.items.length} className="c-owed">
                {h.owedFen > 0 ? money(h.owedFen) : ''}
              </td>
            )}
            <td className="c-notes">{status && <span className="print-small">{status}</span>}</td>
          </tr>
        );
      })}
    </tbody>
  );
}

const A4_COLUMNS = ['tick', 'household', 'phone', 'address', 'product', 'lastPurchase', 'runOut', 'owed', 'notes'] as const;
const A4_WIDTHS: Record<(typeof A4_COLUMNS)[number], string> = {
  tick: 'w-tick',
  household: 'w-household',
  phone: 'w-phone',
  address: 'w-address',
  product: 'w-product',
  lastPurchase: 'w-last',
  runOut: 'w-runout',
  owed: 'w-owed',
  notes: 'w-notes',
};

function A4Section({ title, areas, today }: { title: string; areas: PrintArea[]; today: string }) {
  const { t } = useTranslation();
  if (areas.length === 0) return null;
  return (
    <A4AreaTable
      title={
        <>
          {title} <span className="print-count">{t('print.households', { count: householdCount(areas) })}</span>
        </>
      }
      columns={A4_COLUMNS.map((c) => [A4_WIDTHS[c], t(`print.columns.${c}`)] as const)}
      areas={areas.map((area) => ({
        area: area.area,
        households: area.households.length,
        body: area.households.map((h) => <A4Household key={h.customerId} h={h} today={today} />),
      }))}
    />
  );
}

function ReceiptSection({ title, areas, today }: { title: string; areas: PrintArea[]; today: string }) {
  const { t } = useTranslation();
  if (areas.length === 0) return null;
  return (
    <ReceiptAreas
      title={`${title} · ${t('print.households', { count: householdCount(areas) })}`}
      areas={areas.map((area) => ({
        area: area.area,
        households: area.households.length,
        body: area.households.map((h) => (
          <ReceiptHousehold key={h.customerId} name={h.name} detail={peopleText(t, h)} phone={h.phone} address={h.address}>
            {h.items.map((r) => (
              <div key={r.productId} className="receipt-item">
                <strong>{r.productName}</strong> {t('print.columns.lastPurchase')} {lastText(t, r, today)} · {t('print.columns.runOut')}{' '}
                <span className="receipt-nowrap">{runOutText(t, r, today)}</span>
              </div>
            ))}
            {h.items
              .map((r) => statusText(t, r, today))
              .filter(Boolean)
              .map((status) => (
                <div key={status} className="receipt-status">
                  {status}
                </div>
              ))}
            {h.owedFen > 0 && (
              <div className="receipt-owed">
                {t('print.columns.owed')} {money(h.owedFen)}
              </div>
            )}
          </ReceiptHousehold>
        )),
      }))}
    />
  );
}

/** The most rows a printed list asks for (the most one call returns): a sheet lists every household up to that. */

/**
 * Under the list: how many due ones today's list leaves out (beyond the shop's daily calls), and, with
 * the next 7 days, whether that section lists only the first of more than one call returns.
 */
export function CutShortNotes({ list, week }: { list: CallList; week: boolean }) {
  const { t } = useTranslation();
  // The day's work may be longer than one call returns (thousands due at once in a big book): what is
  // printed is what was returned.
  const rest = list.dueTotal - Math.min(list.dueShown, list.due.length);
  return (
    <>
      {rest > 0 && <p className="print-footnote">{t('print.rest', { count: rest })}</p>}
      {week && list.upcoming.length < list.upcomingTotal && (
        <p className="print-footnote">{t('print.showingFirst', { section: t('print.upcoming'), shown: list.upcoming.length, count: list.upcomingTotal })}</p>
      )}
    </>
  );
}

/** The printable call list, full-window: A4 sheets for the owner, or an 80 mm slip for the delivery round. */
export function PrintView({ route }: { route: PrintRoute }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const api = useAppStore((s) => s.api);
  const [list, setList] = useState<CallList | null>(null);
  const [collections, setCollections] = useState<CallOutput<'credit.collections'> | null>(null);
  const bridge = electronBridge();
  const daily = route.kind === 'daily';
  const title = daily ? t('credit.dailySheetTitle') : t('print.title');
  const fileName = list ? printFileName(t, daily ? 'daily' : 'calls', route.area, list.today) : '';

  useEffect(() => {
    let current = true;
    const area = route.area ? { area: route.area } : {};
    // The daily sheet adds the collections, so that one round serves both deliveries and debts.
    Promise.all([
      api['callList.list']({ days: 7, limit: LIMITS.listRows, ...area }),
      daily ? api['credit.collections']({ limit: LIMITS.listRows, ...area }) : Promise.resolve(null),
    ])
      .then(([l, c]) => {
        if (!current) return;
        setCollections(c);
        setList(l);
      })
      .catch((error: unknown) => void message.error(errorText(t, error)));
    return () => {
      current = false;
    };
  }, [api, route.area, daily, message, t]);

  async function savePdf() {
    if (!bridge || !list) return;
    const result = await bridge.printToPDF(fileName);
    if (!result.ok) void message.error(errorText(t, result.error));
    else if (result.data.saved) void message.success(t('print.saved', { path: result.data.path }));
  }

  // Today's list, as the Today screen shows it (the day's work); the 80 mm slip is a round: today's
  // due of one area (or all), never the week ahead.
  const week = route.layout === 'a4' && route.week === true;
  const due = useMemo(() => (list ? groupForPrint(list.due.slice(0, list.dueShown), i18n.language) : []), [list, i18n.language]);
  const upcoming = useMemo(() => (list && week ? groupForPrint(list.upcoming, i18n.language) : []), [list, week, i18n.language]);
  const Section = route.layout === 'a4' ? A4Section : ReceiptSection;

  return (
    <PrintFrame
      route={route}
      footer={list ? `${title} · ${longDate(t, list.today)}` : ''}
      fileName={fileName}
      ready={list !== null}
      tools={
        <>
          <LayoutSwitch route={route} />
          {route.layout === 'a4' && !daily && (
            <Segmented<'today' | 'week'>
              value={week ? 'week' : 'today'}
              onChange={(span) => replacePrintRoute({ ...route, week: span === 'week', autoPrint: false })}
              options={[
                { value: 'today', label: t('print.today') },
                { value: 'week', label: t('print.week') },
              ]}
            />
          )}
        </>
      }
      moreTools={
        bridge && (
          <Button icon={<FilePdfOutlined />} disabled={!list} onClick={() => void savePdf()}>
            {t('print.savePdf')}
          </Button>
        )
      }
    >
      {list && (
        <>
          <PrintHeader title={route.area ? `${title} · ${route.area}` : title} date={longDate(t, list.today)} />
          {due.length === 0 && upcoming.length === 0 && <p>{t('print.empty')}</p>}
          <Section title={t('print.due')} areas={due} today={list.today} />
          {collections && <CollectionsPrint list={collections} layout={route.layout} />}
          <Section title={t('print.upcoming')} areas={upcoming} today={list.today} />
          <CutShortNotes list={list} week={week} />
          {list.lapsedTotal > 0 && <p className="print-footnote">{t('print.lapsed', { count: list.lapsedTotal })}</p>}
        </>
      )}
    </PrintFrame>
  );
}
