/**
 * The owner's monthly report on A4 (#print/month): the month's figures against last month and last year,
 * the months as bars (an SVG drawn once by ECharts, sharp on paper) and as a table, products, credit by
 * age, tiers and who moved, complaints by kind, and the returning customers. The same figures as the
 * owner's screen (owner.home, owner.pyramid, owner.retention), as they stand today.
 */
import { App } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { complaintKinds, type OwnerHome, type Pyramid, type Retention } from '../../../../shared/contract.ts';
import { MIN_FIT_HOUSEHOLDS } from '../../../../shared/domain/bgnbd.ts';
import { TIERS } from '../../../../shared/domain/customerValue.ts';
import { errorText } from '../../components/errors.ts';
import { compactMoney, longDate, money, quantityText } from '../../components/format.ts';
import type { PrintRoute } from '../../components/printRoute.ts';
import { useAppStore } from '../../store/store.ts';
import { monthBars } from '../owner/monthBars.ts';
import { PrintFrame, PrintHeader, printFileName } from './printShell.tsx';
import './print.css';
import './ownerMonthPrint.css';

interface Report {
  home: OwnerHome;
  pyramid: Pyramid;
  retention: Retention;
  /** The months chart as an SVG document. */
  chart: string;
}

const PRODUCTS_LISTED = 12;
const MOVES_LISTED = 16;

const percentChange = (now: number, before: number) => (before > 0 ? `${now >= before ? '+' : ''}${Math.round(((now - before) / before) * 100)}%` : '—');

export function OwnerMonthPrint({ route }: { route: PrintRoute }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const api = useAppStore((s) => s.api);
  const [report, setReport] = useState<Report | null>(null);

  useEffect(() => {
    let current = true;
    Promise.all([api['owner.home']({}), api['owner.pyramid']({}), api['owner.retention']({}), import('../owner/MonthChart.tsx')])
      .then(([home, pyramid, retention, { monthChartSvg }]) => {
        // 190 mm wide at 96 px an inch; drawn in px, scaled by the sheet.
        const chart = monthChartSvg(monthBars(t, home), (fen) => compactMoney(fen, i18n.language), { width: 718, height: 200 });
        if (current) setReport({ home, pyramid, retention, chart });
      })
      .catch((error: unknown) => void message.error(errorText(t, error)));
    return () => {
      current = false;
    };
  }, [api, message, t, i18n.language]);

  const today = report?.home.today ?? '';
  const monthTitle = report ? t('owner.report.month', { year: today.slice(0, 4), month: Number(today.slice(5, 7)) }) : '';
  return (
    <PrintFrame
      route={route}
      layout="a4"
      footer={`${t('owner.report.title')} · ${monthTitle}`}
      fileName={report ? printFileName(t, 'month', '', today.slice(0, 7)) : ''}
      ready={report !== null}
    >
      {report && (
        <div className="month-report">
          <PrintHeader title={`${t('owner.report.title')} · ${monthTitle}`} date={t('owner.report.asOf', { date: longDate(t, today) })} />
          <Figures home={report.home} />
          <section className="print-section">
            <h2>{t('owner.report.byMonth')}</h2>
            <div className="month-chart" dangerouslySetInnerHTML={{ __html: report.chart }} />
            <Months home={report.home} />
          </section>
          <div className="month-columns">
            <Products home={report.home} />
            <div>
              <Ageing home={report.home} />
              <Complaints home={report.home} />
            </div>
          </div>
          <Tiers pyramid={report.pyramid} />
          <Returning retention={report.retention} />
        </div>
      )}
    </PrintFrame>
  );
}

function Figures({ home }: { home: OwnerHome }) {
  const { t } = useTranslation();
  const { takings, credit, calls } = home;
  const thisMonth = home.byMonth.at(-1)!;
  const cells: [string, string, string?][] = [
    [t('owner.thisMonth'), money(takings.thisMonthFen), t('owner.change', { change: percentChange(takings.thisMonthFen, takings.lastMonthToDateFen) })],
    [t('owner.lastMonth'), money(takings.lastMonthFen), t('owner.lastMonthToDate', { amount: money(takings.lastMonthToDateFen) })],
    [t('owner.sameMonthLastYear'), money(takings.sameMonthLastYearFen)],
    [t('owner.report.buyersThisMonth'), t('owner.report.newCount', { count: thisMonth.households })],
    [t('owner.report.newThisMonth'), t('owner.report.newCount', { count: thisMonth.newHouseholds })],
    [t('owner.report.owed'), money(credit.outstandingFen), t('owner.report.newCount', { count: credit.households })],
  ];
  return (
    <section className="print-section">
      <h2>{t('owner.report.figures')}</h2>
      <div className="month-figures">
        {cells.map(([label, value, note]) => (
          <div key={label} className="month-figure">
            <div className="print-small">{label}</div>
            <div className="month-figure-value">{value}</div>
            {note && <div className="print-small">{note}</div>}
          </div>
        ))}
      </div>
      <p className="month-note">
        {calls.called === 0
          ? t('owner.callsNone')
          : t('owner.callsWorked', {
              called: calls.called,
              bought: calls.boughtWithinWeek,
              rate: `${Math.round((100 * calls.boughtWithinWeek) / calls.called)}%`,
            })}
      </p>
    </section>
  );
}

function Months({ home }: { home: OwnerHome }) {
  const { t, i18n } = useTranslation();
  // Thirteen months side by side: ¥148万 fits a narrow cell (the exact figures are above).
  const compact = (fen: number) => (fen === 0 ? '—' : compactMoney(fen, i18n.language));
  const lost = new Map(home.lostByMonth.map((m) => [m.month, m.households]));
  return (
    <table className="print-table month-table month-months">
      <thead>
        <tr>
          <th>{t('owner.month')}</th>
          {home.byMonth.map((m) => (
            <th key={m.month}>{t('owner.monthAxis', { month: Number(m.month.slice(5)) })}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        <Row label={t('owner.report.sales')} cells={home.byMonth.map((m) => compact(m.amountFen))} />
        <Row label={t('owner.report.buyers')} cells={home.byMonth.map((m) => m.households)} />
        <Row label={t('owner.newHouseholds')} cells={home.byMonth.map((m) => m.newHouseholds)} />
        <Row label={t('owner.report.lostShort')} cells={home.byMonth.map((m) => lost.get(m.month) ?? '—')} />
      </tbody>
    </table>
  );
}

function Row({ label, cells }: { label: string; cells: (string | number)[] }) {
  return (
    <tr>
      <th>{label}</th>
      {cells.map((c, i) => (
        <td key={i} className="c-owed">
          {c}
        </td>
      ))}
    </tr>
  );
}

interface FigureRow {
  key: string | number;
  cells: ReactNode[];
  className?: string | undefined;
}

/** A table of the report: words in the first column, figures (right-aligned) in the others. */
function FigureTable({ head, rows, className }: { head: string[]; rows: FigureRow[]; className?: string }) {
  const align = (i: number) => (i > 0 ? 'c-owed' : undefined);
  return (
    <table className={`print-table month-table ${className ?? ''}`}>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={h} className={align(i)}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className={r.className}>
            {r.cells.map((c, i) => (
              <td key={i} className={align(i)}>
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Products({ home }: { home: OwnerHome }) {
  const { t } = useTranslation();
  const listed = home.byProduct.slice(0, PRODUCTS_LISTED);
  const rest = home.byProduct.slice(PRODUCTS_LISTED);
  const rows: FigureRow[] = listed.map((p) => ({
    key: p.productId,
    cells: [p.name, quantityText(t, Math.round(p.quantity * 100) / 100, p.unit), money(p.amountFen)],
  }));
  if (rest.length > 0)
    rows.push({ key: 'rest', cells: [t('owner.report.others', { count: rest.length }), '', money(rest.reduce((s, p) => s + p.amountFen, 0))] });
  return (
    <section className="print-section">
      <h2>{t('owner.report.byProduct', { count: listed.length })}</h2>
      <FigureTable head={[t('owner.product'), t('owner.quantity'), t('owner.amount')]} rows={rows} />
    </section>
  );
}

function ageText(t: TFunction, a: OwnerHome['credit']['ageing'][number]): string {
  return a.toDays === null ? t('owner.ageingOver', { from: a.fromDays - 1 }) : t('owner.ageing', { from: a.fromDays, to: a.toDays });
}

function Ageing({ home }: { home: OwnerHome }) {
  const { t } = useTranslation();
  return (
    <section className="print-section">
      <h2>{t('owner.credit')}</h2>
      <FigureTable
        head={[t('owner.report.ageing'), t('owner.report.households'), t('owner.amount')]}
        rows={home.credit.ageing.map((a) => ({
          key: a.fromDays,
          cells: [ageText(t, a), a.households, money(a.amountFen)],
          className: a.fromDays > 60 && a.amountFen > 0 ? 'print-late' : undefined,
        }))}
      />
    </section>
  );
}

function Complaints({ home }: { home: OwnerHome }) {
  const { t } = useTranslation();
  const month = home.today.slice(0, 7);
  const count = (kind: string, thisMonth: boolean) =>
    home.complaintsByMonth.filter((c) => c.kind === kind && (!thisMonth || c.month === month)).reduce((s, c) => s + c.count, 0);
  const kinds = complaintKinds.filter((k) => count(k, false) > 0);
  return (
    <section className="print-section">
      <h2>{t('owner.report.complaints')}</h2>
      {kinds.length === 0 ? (
        <p className="month-note">{t('owner.report.noComplaints')}</p>
      ) : (
        <FigureTable
          head={[t('complaints.kind'), t('owner.report.thisMonth'), t('owner.report.last12')]}
          rows={kinds.map((k) => ({ key: k, cells: [t(`complaints.kinds.${k}`), count(k, true), count(k, false)] }))}
        />
      )}
    </section>
  );
}

function Tiers({ pyramid }: { pyramid: Pyramid }) {
  const { t } = useTranslation();
  const tierName = (tier: (typeof TIERS)[number] | null) => (tier === null ? t('owner.left') : t(`owner.tiers.${tier}`));
  const moves = pyramid.moves.slice(0, MOVES_LISTED);
  return (
    <div className="month-columns">
      <section className="print-section">
        <h2>{t('owner.report.tiers')}</h2>
        <FigureTable
          head={[t('owner.report.tier'), t('owner.report.households'), t('owner.report.spend'), t('owner.report.from')]}
          rows={TIERS.map((tier) => {
            const row = pyramid.tiers.find((x) => x.tier === tier)!;
            return {
              key: tier,
              cells: [tierName(tier), row.households, money(row.valueFen), tier !== 'small' && row.households > 0 ? money(row.minValueFen) : '—'],
            };
          })}
        />
      </section>
      <section className="print-section">
        <h2>{t('owner.report.moves')}</h2>
        {moves.length === 0 ? (
          <p className="month-note">{t('owner.movesNone')}</p>
        ) : (
          <ul className="month-moves">
            {moves.map((m) => (
              <li key={m.customerId}>
                <strong>{m.name}</strong> {m.from === null ? t('owner.joined') : tierName(m.from)} → {tierName(m.to)}
              </li>
            ))}
          </ul>
        )}
        {pyramid.moves.length > moves.length && <p className="month-note">{t('owner.report.movesMore', { count: pyramid.moves.length - moves.length })}</p>}
      </section>
    </div>
  );
}

function Returning({ retention }: { retention: Retention }) {
  const { t } = useTranslation();
  const months = retention.winBack.filter((m) => m.calls > 0);
  return (
    <section className="print-section">
      <h2>{t('owner.report.retention')}</h2>
      <p className="month-note">
        {retention.fit
          ? t('owner.retention.summary', { households: retention.households, gone: retention.likelyGone, expected: Math.round(retention.expected90) })
          : t('owner.retention.tooFew', { households: retention.households, min: MIN_FIT_HOUSEHOLDS })}
      </p>
      {retention.fit && retention.gone.length > 0 && (
        <p className="month-note">
          {t('common.labelled', {
            label: t('owner.retention.gone'),
            value: retention.gone
              .slice(0, 10)
              .map((h) => `${h.name} ${money(h.valueFen)}`)
              .join(t('common.listSeparator')),
          })}
        </p>
      )}
      <h3 className="month-subhead">{t('owner.retention.winBack')}</h3>
      {months.length === 0 ? (
        <p className="month-note">{t('owner.retention.winBackNone')}</p>
      ) : (
        <FigureTable
          className="month-half"
          head={[t('owner.month'), t('owner.retention.calls'), t('owner.retention.callHouseholds'), t('owner.retention.won')]}
          rows={months.map((m) => ({ key: m.month, cells: [m.month, m.calls, m.households, `${m.won} (${Math.round((100 * m.won) / m.households)}%)`] }))}
        />
      )}
    </section>
  );
}
