/** The collections part of the owner's daily sheet: who owes, since when, grouped by area for the round. */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CallOutput, CollectionRow } from '../../../../shared/contract.ts';
import { daysBetween } from '../../../../shared/domain/dates.ts';
import { money, paydayText, shortDate } from '../../components/format.ts';
import type { PrintLayout } from '../../components/printRoute.ts';
import { collectionOutcomeText } from '../credit/outcomeText.ts';
import { byAreaOrder } from './groupForPrint.ts';
import { A4AreaTable, HouseholdCells, ReceiptAreas, ReceiptHousehold } from './printSections.tsx';

function groupCollectionsByArea(rows: readonly CollectionRow[], locale: string): [string, CollectionRow[]][] {
  const byArea = new Map<string, CollectionRow[]>();
  for (const row of rows) byArea.set(row.area, [...(byArea.get(row.area) ?? []), row]);
  return byAreaOrder(byArea, locale);
}

/** Each column's width class and the key of its name. */
const COLUMNS = [
  ['w-tick', 'print.columns.tick'],
  ['w-household', 'credit.household'],
  ['w-phone', 'print.columns.phone'],
  ['w-address', 'print.columns.address'],
  ['w-payday', 'credit.printColumns.payday'],
  ['w-owes', 'credit.printColumns.owes'],
  ['w-since', 'credit.printColumns.since'],
  ['w-notes', 'print.columns.notes'],
] as const;

function sinceText(t: TFunction, row: CollectionRow, today: string): string {
  return `${shortDate(t, row.oldestUnpaidDate, today)} · ${t('credit.daysOwed', { count: daysBetween(row.oldestUnpaidDate, today) })}`;
}

/**
 * `list`: as collections.list answers, the longest owed first; its totals count every household to
 * collect from, and a list cut short (more than one call returns) says so under it.
 */
export function CollectionsPrint({ list, layout }: { list: CallOutput<'credit.collections'>; layout: PrintLayout }) {
  const { t, i18n } = useTranslation();
  const { items: rows, today } = list;
  if (rows.length === 0) return null;
  const groups = groupCollectionsByArea(rows, i18n.language);
  const title = (
    <>
      {t('credit.collectionsSection')}{' '}
      <span className="print-count">
        {t('print.households', { count: list.total })} · {money(list.totalOwedFen)}
      </span>
    </>
  );
  const section =
    layout === 'receipt' ? (
      <ReceiptAreas
        title={title}
        areas={groups.map(([area, group]) => ({
          area,
          households: group.length,
          body: group.map((r) => (
            <ReceiptHousehold key={r.customerId} name={r.name} phone={r.phone} address={r.address}>
              <div className="receipt-owed">
                {t('credit.printColumns.owes')} {money(r.balanceFen)} · <span className="receipt-nowrap">{sinceText(t, r, today)}</span>
              </div>
            </ReceiptHousehold>
          )),
        }))}
      />
    ) : (
      <A4AreaTable
        className="print-collections"
        title={title}
        columns={COLUMNS.map(([width, name]) => [width, t(name)] as const)}
        areas={groups.map(([area, group]) => ({
          area,
          households: group.length,
          body: (
            <tbody>
              {group.map((r) => (
                <tr key={r.customerId} className="print-row print-row-first">
                  <HouseholdCells name={r.name} phone={r.phone} address={r.address} />
                  <td>{paydayText(t, r.payday)}</td>
                  <td className="c-owed">{money(r.balanceFen)}</td>
                  <td>
                    <div>{shortDate(t, r.oldestUnpaidDate, today)}</div>
                    <div className="print-small">{t('credit.daysOwed', { count: daysBetween(r.oldestUnpaidDate, today) })}</div>
                  </td>
                  <td className="c-notes">{r.outcome && <span className="print-small">{collectionOutcomeText(t, r.outcome)}</span>}</td>
                </tr>
              ))}
            </tbody>
          ),
        }))}
      />
    );
  return (
    <>
      {section}
      {rows.length < list.total && <p className="print-footnote">{t('credit.printShowingFirst', { shown: rows.length, count: list.total })}</p>}
    </>
  );
}
