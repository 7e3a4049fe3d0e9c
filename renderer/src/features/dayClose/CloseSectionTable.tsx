/** One section of the day's close as a table: on screen, on A4 and on the 80 mm slip alike. */
import { cellText, type CloseSection } from './closeSections.ts';

export function CloseSectionTable({ section }: { section: CloseSection }) {
  const last = section.columns.length - 1;
  const cells = (row: CloseSection['rows'][number], Tag: 'td' | 'th') =>
    row.map((cell, i) => (
      <Tag key={i} className={i === last && i > 0 ? 'c-owed' : undefined}>
        {cellText(cell)}
      </Tag>
    ));
  return (
    <section className="close-section" aria-label={section.title}>
      <h2>{section.title}</h2>
      <table className="print-table close-table">
        <thead>
          <tr>
            {section.columns.map((c, i) => (
              <th key={c} className={i === last && i > 0 ? 'c-owed' : undefined}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {section.rows.map((row, i) => (
            <tr key={i}>{cells(row, 'td')}</tr>
          ))}
          {section.total && <tr className="close-total">{cells(section.total, 'th')}</tr>}
        </tbody>
      </table>
    </section>
  );
}
