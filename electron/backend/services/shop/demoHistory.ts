/**
 * The demo shop's recent months as a shop lives them: day by day, each morning's call list worked
 * through the call list's own service (on a clock set to that morning, so the contacts, follow-ups and
 * stock reports are what the Today screen would have written), then the day's sales, each refreshing
 * its forecast as a sale at the counter does. What the households answer comes from the generator's
 * trace (shared/domain/demoCalls.ts). Without it the demo opened on a year of reminders nobody had
 * touched: 114 calls due on its first morning and 49 lapsed.
 */
import type { ReminderRow } from '../../../../shared/contract.ts';
import type { DemoSale, DemoShop } from '../../../../shared/domain/demoShop.ts';
import { isAway, springFestivals, stockOnDate, type StockLeg } from '../../../../shared/domain/demoShop.ts';
import { demoCall, demoCallsOn } from '../../../../shared/domain/demoCalls.ts';
import { addDays } from '../../../../shared/domain/dates.ts';
import { createRandom } from '../../../../shared/domain/random.ts';
import { todayOf, type BackendContext } from '../../context.ts';
import { createCallListService, FIRST_PAGE } from '../callList/callList.ts';
import type { ContactLog } from '../customers/contactLog.ts';
import type { ForecastsService } from '../forecasts/forecasts.ts';
import type { SettingsService } from './settings.ts';

/** The shopkeeper has worked the call list every morning for the two months before the demo's today. */
export const DEMO_CALLS_DAYS = 60;

/** Delivered households: the demo's tag for them (shared/domain/demoShop.ts's tags). */
const DELIVERY_TAG = '送货上门';

/** At most this many rows a morning are passed over ('leave') before the shopkeeper stops looking. */
const ROWS_LOOKED_AT = 100;

export interface DemoReplay {
  /** Generated with `trace`: the replay reads the households' stock and days away from it. */
  shop: DemoShop;
  customerIds: readonly number[];
  productIds: readonly number[];
  language: 'zh-CN' | 'en';
  seed: number;
  /** The demo's today: the replay ends the evening before, leaving this morning's list unworked. */
  today: string;
  /** Writes one sale (its forecast is refreshed here). */
  writeSale(sale: DemoSale): void;
}

const pairKey = (household: number, product: number) => `${household}:${product}`;

/** Writes every sale (older ones in bulk) and the calls of the last DEMO_CALLS_DAYS; inside the caller's transaction. */
export function replayDemoShop(
  ctx: BackendContext,
  deps: { forecasts: ForecastsService; contacts: ContactLog; settings: SettingsService },
  r: DemoReplay,
): void {
  const { shop } = r;
  const { trace } = shop;
  if (!trace) throw new Error('the demo replay needs the generator trace');
  const callsFrom = addDays(r.today, -DEMO_CALLS_DAYS);
  const random = createRandom(r.seed ^ 0xca11);

  // Before the calls began: the sales alone, and one forecast pass over them.
  let next = 0;
  while (next < shop.sales.length && shop.sales[next]!.date < callsFrom) r.writeSale(shop.sales[next++]!);
  // What the shop's households use and its seasons, learned from that history before it is forecast.
  deps.forecasts.learnAll();
  deps.forecasts.recomputeAll();

  const householdOf = new Map(r.customerIds.map((id, h) => [id, h]));
  const productOf = new Map(r.productIds.map((id, p) => [id, p]));
  const legsOf = new Map<string, StockLeg[]>(trace.stock.map((s) => [pairKey(s.household, s.product), s.legs]));
  const datesHere = new Map<string, string[]>();
  for (const sale of shop.sales) {
    const key = pairKey(sale.household, sale.product);
    const dates = datesHere.get(key) ?? [];
    dates.push(sale.date);
    datesHere.set(key, dates);
  }
  // The next purchase here; past the history's end, when the household would buy next unless it stopped.
  const nextHere = (household: number, key: string, day: string) => {
    const here = datesHere.get(key)?.find((d) => d >= day);
    if (here) return here;
    const stopped = trace.stopped[household];
    const legs = legsOf.get(key) ?? [];
    const until = legs[legs.length - 1]?.until;
    return stopped === null && until !== undefined && until >= r.today ? until : null;
  };
  // The shop closes for the Spring Festival: from the eve to the fifth day.
  const closed = springFestivals.map((f) => ({ from: addDays(f, -1), days: 6 }));
  // Per pair since its last purchase (that date when counted): contacts logged, and whether the
  // shopkeeper has given up on it until it buys again (left to become "not heard from").
  const cycles = new Map<string, { lastPurchase: string; contacts: number; left: boolean }>();

  let clock = new Date(`${callsFrom}T09:00:00`);
  const now = () => clock;
  const callList = createCallListService({ ...ctx, now, today: todayOf(now) }, deps);

  /** Works `rows` in order until `calls` actions were taken; returns how many were. */
  const work = (day: string, rows: readonly ReminderRow[], calls: number): number => {
    let taken = 0;
    for (const row of rows) {
      if (taken === calls) break;
      const household = householdOf.get(row.customerId)!;
      const key = pairKey(household, productOf.get(row.productId)!);
      const cycle = cycles.get(key);
      const sameCycle = cycle !== undefined && cycle.lastPurchase === row.lastPurchaseDate;
      if (sameCycle && cycle.left) continue;
      const contacts = sameCycle ? cycle.contacts : 0;
      const action = demoCall(
        random,
        {
          today: day,
          nextHere: nextHere(household, key, day),
          stockAtHome: stockOnDate(legsOf.get(key) ?? [], day),
          away: isAway(trace.away[household]!, day),
          delivered: shop.households[household]!.tags?.includes(DELIVERY_TAG) ?? false,
          contactsThisCycle: contacts,
        },
        r.language,
      );
      if (action === 'leave') {
        cycles.set(key, { lastPurchase: row.lastPurchaseDate, contacts, left: true });
        continue;
      }
      clock = new Date(clock.getTime() + (2 + random.int(0, 4)) * 60_000);
      callList.act({ ...action, customerId: row.customerId, productId: row.productId });
      cycles.set(key, { lastPurchase: row.lastPurchaseDate, contacts: contacts + 1, left: false });
      taken++;
    }
    return taken;
  };

  for (let day = callsFrom; day < r.today; day = addDays(day, 1)) {
    clock = new Date(`${day}T09:00:00`);
    // The first morning, a round of the households not heard from for a month and more (win-back calls).
    if (day === callsFrom) work(day, callList.lapsed(undefined, ROWS_LOOKED_AT), ROWS_LOOKED_AT);
    const calls = demoCallsOn(random, day, closed);
    if (calls > 0) work(day, callList.due(undefined, FIRST_PAGE, ROWS_LOOKED_AT).rows, calls);
    sellUntil(addDays(day, 1));
  }
  sellUntil(null); // any dated today or later (the generator's history ends yesterday)

  /** The sales before `end` (all when null), each refreshing its pair's forecast as at the counter. */
  function sellUntil(end: string | null) {
    while (next < shop.sales.length && (end === null || shop.sales[next]!.date < end)) {
      const sale = shop.sales[next++]!;
      r.writeSale(sale);
      deps.forecasts.refresh(r.customerIds[sale.household]!, r.productIds[sale.product]!);
    }
  }
}
