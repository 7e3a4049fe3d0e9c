/**
 * The day's close as labelled sections of rows: the screen, the printed close (A4 and 80 mm) and the CSV
 * all draw these, so they always say the same. EXTENSION POINT (issue 18, items 2 and 3): containers,
 * deposits and tickets each add a section function to SECTIONS.
 */
import type { TFunction } from 'i18next';
import type { DayClose } from '../../../../shared/contract.ts';
import { formatYuan } from '../../../../shared/domain/money.ts';
import { money, quantityText } from '../../components/format.ts';

/** A cell: text, or an amount (¥ on screen and paper, a plain number of yuan in the CSV). */
export type CloseCell = string | { fen: number };

export interface CloseSection {
  key: string;
  title: string;
  /** Column headings; the last column of a section is an amount or a count (right-aligned). */
  columns: string[];
  rows: CloseCell[][];
  /** A closing row in bold (a total, the difference). */
  total?: CloseCell[];
}

const fen = (amountFen: number) => ({ fen: amountFen });

/** A cell as the screen and the printed close show it. */
export const cellText = (cell: CloseCell): string => (typeof cell === 'string' ? cell : money(cell.fen));

type SectionOf = (t: TFunction, close: DayClose) => CloseSection | null;

const takings: SectionOf = (t, c) => ({
  key: 'takings',
  title: t('dayClose.sections.takings'),
  columns: [t('dayClose.item'), t('dayClose.amount')],
  rows: c.takings.byMethod.map((m) => [t(`dayClose.methods.${m.method}`), fen(m.amountFen)]),
  total: [t('dayClose.total'), fen(c.takings.totalFen)],
});

const bySource: SectionOf = (t, c) =>
  c.takings.bySource.length === 0
    ? null
    : {
        key: 'bySource',
        title: t('dayClose.sections.bySource'),
        columns: [t('dayClose.item'), t('dayClose.amount')],
        rows: c.takings.bySource.map((s) => [t(`dayClose.sources.${s.source}`), fen(s.amountFen)]),
      };

const credit: SectionOf = (t, c) => ({
  key: 'credit',
  title: t('dayClose.sections.credit'),
  columns: [t('dayClose.item'), t('dayClose.amount')],
  rows: [
    [t('dayClose.creditGiven', { count: c.credit.givenHouseholds }), fen(c.credit.givenFen)],
    [t('dayClose.creditCollected', { count: c.credit.collectedHouseholds }), fen(c.credit.collectedFen)],
  ],
});

const counts: SectionOf = (t, c) => ({
  key: 'counts',
  title: t('dayClose.sections.counts'),
  columns: [t('dayClose.item'), t('dayClose.count')],
  rows: [
    [t('dayClose.slips'), String(c.counts.slips)],
    [t('dayClose.walkIns'), String(c.counts.walkIns)],
    [t('dayClose.singleSales'), String(c.counts.singleSales)],
    [t('dayClose.voided'), String(c.counts.voided)],
  ],
});

const products: SectionOf = (t, c) =>
  c.products.length === 0
    ? null
    : {
        key: 'products',
        title: t('dayClose.sections.products'),
        columns: [t('dayClose.product'), t('dayClose.quantity'), t('dayClose.amount')],
        rows: c.products.map((p) => [p.name, quantityText(t, p.quantity, p.unit), fen(p.amountFen)]),
      };

const voids: SectionOf = (t, c) =>
  c.voids.length === 0
    ? null
    : {
        key: 'voids',
        title: t('dayClose.sections.voids'),
        columns: [t('dayClose.voidWhat'), t('dayClose.voidWho'), t('dayClose.voidReason'), t('dayClose.amount')],
        rows: c.voids.map((v) => [
          `${t(`dayClose.voidKinds.${v.kind}`, { id: v.slipId })} · ${v.kind === 'payment' ? t(`dayClose.methods.${v.what as 'cash'}`) : v.what}`,
          v.customerName ?? t('slips.walkIn'),
          [v.corrected ? t('dayClose.corrected') : '', v.reason].filter(Boolean).join(' · '),
          fen(v.amountFen),
        ]),
      };

const drawer: SectionOf = (t, c) => {
  const counted = c.drawer.counts.at(-1);
  return {
    key: 'drawer',
    title: t('dayClose.sections.drawer'),
    columns: [t('dayClose.item'), t('dayClose.amount')],
    rows: [
      [t('dayClose.expectedCash'), fen(c.drawer.expectedCashFen)],
      [
        counted?.note ? `${t('dayClose.countedCash')} · ${counted.note}` : t('dayClose.countedCash'),
        counted ? fen(counted.countedFen) : t('dayClose.notCounted'),
      ],
    ],
    total: c.drawer.differenceFen === null ? undefined : [t('dayClose.difference'), fen(c.drawer.differenceFen)],
  };
};

// The drawer right after the takings: the counter's own question is whether the cash is right.
const SECTIONS: SectionOf[] = [takings, drawer, bySource, credit, counts, products, voids];

/** Sections with several columns: across the whole width on screen and on A4, the others side by side. */
export const WIDE_SECTIONS = new Set(['products', 'voids']);

export function closeSections(t: TFunction, close: DayClose): CloseSection[] {
  return SECTIONS.map((section) => section(t, close)).filter((s): s is CloseSection => s !== null);
}

/** The close as CSV rows: each section's title, its headings, its rows, a blank line between; amounts in yuan. */
export function closeCsvRows(t: TFunction, close: DayClose): string[][] {
  const csv = (row: CloseCell[]) => row.map((cell) => (typeof cell === 'string' ? cell : formatYuan(cell.fen)));
  return [
    [t('dayClose.title', { date: close.date })],
    ...closeSections(t, close).flatMap((s) => [[], [s.title], s.columns, ...s.rows.map(csv), ...(s.total ? [csv(s.total)] : [])]),
  ];
}
