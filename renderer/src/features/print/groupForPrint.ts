/** The call list as paper wants it: by area (delivery rounds), then one entry per household with its products. */
import type { ReminderRow } from '../../../../shared/contract.ts';

export interface PrintHousehold {
  customerId: number;
  name: string;
  adults: number;
  children: number;
  seniors: number;
  phone: string;
  address: string;
  owedFen: number;
  items: ReminderRow[];
}

export interface PrintArea {
  /** '' for households without an area. */
  area: string;
  households: PrintHousehold[];
}

export function groupForPrint(rows: readonly ReminderRow[], locale: string): PrintArea[] {
  const byArea = new Map<string, Map<number, PrintHousehold>>();
  for (const row of rows) {
    let households = byArea.get(row.area);
    if (!households) byArea.set(row.area, (households = new Map()));
    const household = households.get(row.customerId);
    if (household) household.items.push(row);
    else {
      households.set(row.customerId, {
        customerId: row.customerId,
        name: row.name,
        adults: row.adults,
        children: row.children,
        seniors: row.seniors,
        phone: row.phone,
        address: row.address,
        owedFen: row.owedFen,
        items: [row],
      });
    }
  }
  return byAreaOrder(byArea, locale).map(([area, households]) => ({ area, households: [...households.values()] }));
}

/** Areas in the locale's order, households without an area last: every printed round reads the same way. */
export function byAreaOrder<T>(byArea: ReadonlyMap<string, T>, locale: string): [string, T][] {
  const collator = new Intl.Collator(locale);
  return [...byArea.entries()].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : collator.compare(a, b)));
}

export function householdCount(areas: readonly PrintArea[]): number {
  return areas.reduce((n, a) => n + a.households.length, 0);
}
