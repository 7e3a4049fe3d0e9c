/** Money is integer fen (1 yuan = 100 fen) everywhere but on screen and paper. */
export const MAX_FEN = 100_000_000_00; // 100 million yuan: far above any shop's single figure

export function formatYuan(fen: number): string {
  const abs = Math.abs(Math.round(fen));
  const sign = fen < 0 && abs > 0 ? '-' : '';
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Parses what a person types ("12", "12.5", "12.50", "¥1,200.00") into fen; null if it is not money. */
export function parseYuan(text: string): number | null {
  const spaced = text.replace(/[¥￥\s]/g, '');
  // Commas only as thousands separators: "12,50" or "1,2" is a typo (or a decimal comma), not 1250 yuan.
  if (spaced.includes(',') && !/^-?\d{1,3}(,\d{3})+(\.\d*)?$/.test(spaced)) return null;
  const cleaned = spaced.replace(/,/g, '');
  if (!/^-?\d+(\.\d{0,2})?$/.test(cleaned)) return null;
  const negative = cleaned.startsWith('-');
  const [whole = '0', part = ''] = cleaned.replace('-', '').split('.');
  const fen = Number(whole) * 100 + Number(part.padEnd(2, '0'));
  return negative ? -fen : fen;
}

/** The amount of a sale line: quantity x unit price, rounded to the fen (half away from zero). */
export function lineAmountFen(quantity: number, unitPriceFen: number): number {
  const exact = quantity * unitPriceFen;
  return Math.sign(exact) * Math.round(Math.abs(exact) + 1e-9);
}
