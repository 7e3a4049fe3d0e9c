/**
 * Prepaid accounts (water tickets, milk cards, stored value), derived from their appended facts: what is
 * left, which bundle ("lot") it comes from, and what a refund gives back under the lot's rule.
 *
 * A household's account is one product's tickets, or its stored value (units are then fen). Draws use the
 * oldest lot first, as paper tickets are torn from the oldest book; a refund takes the newest lot first, so
 * what stays keeps being drawn in the same order.
 */

/**
 * - `forfeitBonus` (the default): what was used is charged at the price paid per paid unit, so the bonus
 *   is what the customer gives up; the rest of the money comes back (20 + 2 for ¥300, 10 used: ¥150).
 * - `proRata`: every unit left, bonus included, at the lot's average price (12 of 22 left: ¥163.64).
 */
export const refundRules = ['forfeitBonus', 'proRata'] as const;
export type RefundRule = (typeof refundRules)[number];

export type PrepaidFact =
  | { kind: 'bought'; id: number; units: number; bonusUnits: number; moneyFen: number; rule: RefundRule }
  | { kind: 'drawn'; units: number }
  | { kind: 'refunded'; units: number; moneyFen: number };

export interface Lot {
  /** The bought fact's id. */
  id: number;
  units: number;
  bonusUnits: number;
  paidFen: number;
  rule: RefundRule;
  drawn: number;
  refunded: number;
  refundedFen: number;
}

export const unitsLeft = (lot: Lot): number => lot.units - lot.drawn - lot.refunded;

/** The money still refundable from a lot, for all its units left, by its rule (exact, not rounded). */
export function lotValueLeft(lot: Lot): number {
  const paidUnits = lot.units - lot.bonusUnits;
  const perUsed = lot.rule === 'forfeitBonus' ? lot.paidFen / paidUnits : lot.paidFen / lot.units;
  return Math.max(0, lot.paidFen - lot.refundedFen - lot.drawn * perUsed);
}

export interface RefundPart {
  lotId: number;
  units: number;
  moneyFen: number;
}

/** What refunding `units` gives back, newest lot first; null when the account holds fewer. */
export function quoteRefund(lots: readonly Lot[], units: number): { moneyFen: number; parts: RefundPart[] } | null {
  if (units <= 0 || units > lots.reduce((sum, lot) => sum + unitsLeft(lot), 0)) return null;
  const parts: RefundPart[] = [];
  let wanted = units;
  for (let i = lots.length - 1; i >= 0 && wanted > 0; i--) {
    const lot = lots[i]!;
    const left = unitsLeft(lot);
    if (left <= 0) continue;
    const take = Math.min(wanted, left);
    // The value left shared evenly over the units left: a partial refund never gives more per unit than a whole one.
    parts.push({ lotId: lot.id, units: take, moneyFen: Math.round((lotValueLeft(lot) * take) / left) });
    wanted -= take;
  }
  return { moneyFen: parts.reduce((sum, p) => sum + p.moneyFen, 0), parts };
}

/**
 * The lots of one account from its facts in the order they happened (voided facts left out). A draw past
 * every lot (possible only after a purchase was voided) is simply not charged to any.
 */
export function replayLots(facts: readonly PrepaidFact[]): Lot[] {
  const lots: Lot[] = [];
  for (const fact of facts) {
    if (fact.kind === 'bought') {
      lots.push({
        id: fact.id,
        units: fact.units,
        bonusUnits: fact.bonusUnits,
        paidFen: fact.moneyFen,
        rule: fact.rule,
        drawn: 0,
        refunded: 0,
        refundedFen: 0,
      });
    } else if (fact.kind === 'drawn') {
      let wanted = -fact.units;
      for (const lot of lots) {
        const take = Math.min(wanted, unitsLeft(lot));
        if (take <= 0) continue;
        lot.drawn += take;
        wanted -= take;
      }
    } else {
      // Split as it was quoted, the last part taking the rounding so the lots add up to the money paid back.
      const quote = quoteRefund(lots, -fact.units);
      if (!quote) continue;
      quote.parts.forEach((part, index) => {
        const lot = lots.find((l) => l.id === part.lotId)!;
        const isLast = index === quote.parts.length - 1;
        lot.refunded += part.units;
        lot.refundedFen += isLast ? fact.moneyFen - quote.parts.slice(0, -1).reduce((sum, p) => sum + p.moneyFen, 0) : part.moneyFen;
      });
    }
  }
  return lots;
}

/** Left in an account: everything bought less everything drawn or refunded. */
export const balanceOf = (facts: readonly PrepaidFact[]): number => facts.reduce((sum, f) => sum + f.units, 0);

/** A household is a renewal call when what is left is at or under the threshold of the bundle it bought last. */
export const isLow = (left: number, lowAt: number | null): boolean => lowAt !== null && left <= lowAt;
