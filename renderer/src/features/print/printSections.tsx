/**
 * What the printed lists' sections share: by area (a delivery round), one entry per household with a
 * box to tick, its phone and address, and room for notes; as an A4 table or as 80 mm receipt blocks.
 * Each list fills in its own columns and lines.
 */
import type { ReactNode } from 'react';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../../shared/domain/phone.ts';

/** One area of a section: its name ('' for households without one), how many households, what is printed for them. */
export interface PrintAreaBlock {
  area: string;
  households: number;
  body: ReactNode;
}

function useAreaTitle(): (block: PrintAreaBlock) => string {
  const { t } = useTranslation();
  return (block) => `${block.area || t('print.noArea')} · ${t('print.households', { count: block.households })}`;
}

/**
 * A section's title as the first row of its table's header, which the browser repeats on every page:
 * a sheet that begins in the middle of a section still says which one it is.
 */
function SectionCaptionRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr className="print-section-row">
      <th colSpan={columns}>
        <h2>{children}</h2>
      </th>
    </tr>
  );
}

/**
 * An A4 section: one table (its caption and column names repeat on every sheet), a heading row per
 * area, then the area's `body` (its own <tbody> elements). `columns`: each column's width class and name.
 */
export function A4AreaTable({
  className,
  title,
  columns,
  areas,
}: {
  className?: string;
  title: ReactNode;
  columns: readonly (readonly [width: string, name: string])[];
  areas: PrintAreaBlock[];
}) {
  const areaTitle = useAreaTitle();
  return (
    <section className="print-section">
      <table className={className ? `print-table ${className}` : 'print-table'}>
        <colgroup>
          {columns.map(([width]) => (
            <col key={width} className={width} />
          ))}
        </colgroup>
        <thead>
          <SectionCaptionRow columns={columns.length}>{title}</SectionCaptionRow>
          <tr>
            {columns.map(([width, name]) => (
              <th key={width}>{name}</th>
            ))}
          </tr>
        </thead>
        {areas.map((block) => (
          <Fragment key={block.area}>
            <tbody className="print-area-head">
              <tr className="print-area-row">
                <th colSpan={columns.length}>{areaTitle(block)}</th>
              </tr>
            </tbody>
            {block.body}
          </Fragment>
        ))}
      </table>
    </section>
  );
}

/** The first cells of a household's A4 row: the box to tick, the name (and `detail` under it), phone, address. */
export function HouseholdCells({ name, detail, phone, address, rowSpan }: { name: string; detail?: string; phone: string; address: string; rowSpan?: number }) {
  return (
    <>
      <td rowSpan={rowSpan} className="c-tick">
        <span className="print-box" />
      </td>
      <td rowSpan={rowSpan} className="c-household">
        <strong>{name}</strong>
        {detail && <div className="print-small">{detail}</div>}
      </td>
      <td rowSpan={rowSpan} className="c-phone">
        {phone ? formatPhone(phone) : '—'}
      </td>
      <td rowSpan={rowSpan} className="c-address">
        {address || '—'}
      </td>
    </>
  );
}

/** A section on an 80 mm receipt: its title, then each area under its heading. */
export function ReceiptAreas({ title, areas }: { title: ReactNode; areas: PrintAreaBlock[] }) {
  const areaTitle = useAreaTitle();
  return (
    <section className="receipt-section">
      <h2>{title}</h2>
      {areas.map((block) => (
        <div key={block.area} className="receipt-area">
          <h3>{areaTitle(block)}</h3>
          {block.body}
        </div>
      ))}
    </section>
  );
}

/** One household on a receipt: box, name (and `detail`), phone, address, the list's own lines, a line for notes. */
export function ReceiptHousehold({
  name,
  detail,
  phone,
  address,
  children,
}: {
  name: string;
  detail?: string;
  phone: string;
  address: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="receipt-household">
      <div className="receipt-line">
        <span className="print-box" />
        <strong className="receipt-name">{name}</strong>
        {detail && <span className="print-small">{detail}</span>}
      </div>
      {phone && <div className="receipt-phone">{formatPhone(phone)}</div>}
      {address && <div className="print-small">{address}</div>}
      {children}
      <div className="receipt-notes">{t('common.labelled', { label: t('print.columns.notes'), value: '' })}</div>
    </div>
  );
}
