/** What every printed page shares: paper size and margins, and the footer. */
import type { PrintLayout } from '../../components/printRoute.ts';

/** A CSS string literal (the shop's name may hold quotes). */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r]/g, ' ')}"`;
}

/**
 * Paper size and margins, per layout: only one @page rule may be in force. Each A4 sheet says in
 * its foot whose list it is, of which day, and which page of how many.
 */
export function pageRule(layout: PrintLayout, footer: string): string {
  if (layout === 'receipt') return '@page { size: 80mm 297mm; margin: 4mm 3mm; }';
  const box = 'font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 8pt; color: #555;';
  return `@page { size: A4 portrait; margin: 12mm 10mm 14mm 10mm;
    @bottom-left { content: ${cssString(footer)}; ${box} }
    @bottom-right { content: counter(page) " / " counter(pages); ${box} } }`;
}
