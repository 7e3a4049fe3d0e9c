/** The collections part of the owner's daily sheet: who owes, since when, grouped by area for the round. */
import type { TFunction } from 'i18next';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { CollectionRow } from '../../../../shared/contract.ts';
import { daysBetween } from '../../../../shared/domain/dates.ts';
import { formatYuan } from '../../../../shared/domain/money.ts';
import { formatPhone } from '../../../../shared/domain/phone.ts';
import { paydayText, shortDate } from '../../components/format.ts';
import type { PrintLayout } from '../../components/printRoute.ts';
import { byAreaOrder } from './groupForPrint.ts';
import { SectionCaptionRow } from './printShell.tsx';

interface AreaGroup {
  area: string;
  rows: CollectionRow[];
}

function groupCollectionsByArea(rows: readonly CollectionRow[], locale: string): AreaGroup[] {
  const byArea = new Map<string, CollectionRow[]>();
  for (const row of rows) byArea.set(row.area, [...(byArea.get(row.area) ?? []), row]);
  return byAreaOrder(byArea, locale).map(([area, group]) => ({ area, rows: group }));
}

function sinceText(t: TFunction, row: CollectionRow, today: string): string {
  return `${shortDate(t, row.oldestUnpaidDate)} · ${t('credit.daysOwed', { count: daysBetween(row.oldestUnpaidDate, today) })}`;
}

export function CollectionsPrint({ rows, today, layout }: { rows: CollectionRow[]; today: string; layout: PrintLayout }) {
  const { t, i18n } = useTranslation();
  if (rows.length === 0) return null;
  const groups = groupCollectionsByArea(rows, i18n.language);
  const areaTitle = (g: AreaGroup) => `${g.area || t('print.noArea')} · ${t('print.households', { count: g.rows.length })}`;
  const total = rows.reduce((sum, r) => sum + r.balanceFen, 0);
  const title = (
    <>
      {t('credit.collectionsSection')} <span className="print-count">{t('print.households', { count: rows.length })} · ¥{formatYuan(total)}</span>
    </>
  );

  if (layout === 'receipt') {
    return (
      <section className="receipt-section">
        <h2>{title}</h2>
        {groups.map((g) => (
          <div key={g.area} className="receipt-area">
            <h3>{areaTitle(g)}</h3>
            {g.rows.map((r) => (
              <div key={r.customerId} className="receipt-household">
                <div className="receipt-line">
                  <span className="print-box" />
                  <strong className="receipt-name">{r.name}</strong>
                </div>
                {r.phone && <div className="receipt-phone">{formatPhone(r.phone)}</div>}
                {r.address && <div className="print-small">{r.address}</div>}
                <div className="receipt-owed">
                  {t('credit.printColumns.owes')} ¥{formatYuan(r.balanceFen)} · <span className="receipt-nowrap">{sinceText(t, r, today)}</span>
                </div>
                <div className="receipt-notes">{t('common.labelled', { label: t('print.columns.notes'), value: '' })}</div>
              </div>
            ))}
          </div>
        ))}
      </section>
    );
  }

  return (
    <section className="print-section">
      <table className="print-table print-collections">
        <colgroup>
          <col className="w-tick" />
          <col className="w-household" />
          <col className="w-phone" />
          <col className="w-address" />
          <col className="w-payday" />
          <col className="w-owes" />
          <col className="w-since" />
          <col className="w-notes" />
        </colgroup>
        <thead>
          <SectionCaptionRow columns={8}>{title}</SectionCaptionRow>
          <tr>
            <th>{t('print.columns.tick')}</th>
            <th>{t('credit.household')}</th>
            <th>{t('print.columns.phone')}</th>
            <th>{t('print.columns.address')}</th>
            <th>{t('credit.printColumns.payday')}</th>
            <th>{t('credit.printColumns.owes')}</th>
            <th>{t('credit.printColumns.since')}</th>
            <th>{t('print.columns.notes')}</th>
          </tr>
        </thead>
        {groups.map((g) => (
          <Fragment key={g.area}>
            <tbody className="print-area-head">
              <tr className="print-area-row">
                <th colSpan={8}>{areaTitle(g)}</th>
              </tr>
            </tbody>
            <tbody>
              {g.rows.map((r) => (
                <tr key={r.customerId} className="print-row print-row-first">
                  <td className="c-tick">
                    <span className="print-box" />
                  </td>
                  <td className="c-household">
                    <strong>{r.name}</strong>
                  </td>
                  <td className="c-phone">{r.phone ? formatPhone(r.phone) : '—'}</td>
                  <td className="c-address">{r.address || '—'}</td>
                  <td>{paydayText(t, r.payday)}</td>
                  <td className="c-owed">¥{formatYuan(r.balanceFen)}</td>
                  <td>
                    <div>{shortDate(t, r.oldestUnpaidDate)}</div>
                    <div className="print-small">{t('credit.daysOwed', { count: daysBetween(r.oldestUnpaidDate, today) })}</div>
                  </td>
                  <td className="c-notes">{r.outcome && <span className="print-small">{t(`credit.outcomes.${r.outcome}`)}</span>}</td>
                </tr>
              ))}
            </tbody>
          </Fragment>
        ))}
      </table>
    </section>
  );
}
