/**
 * A believable shop to look at (and to benchmark and to measure the forecast on): households of the
 * sizes a Chinese neighbourhood has, each buying some staples at its own pace, with noisy daily use,
 * seasons, early purchases with stock left at home (sometimes recorded), purchases elsewhere, trips and
 * the Spring Festival away, households that change and customers who stop coming.
 * Pure and seeded: the same seed gives the same shop.
 */
import type { CustomerDraft } from '../contract.ts';
import { addDays, daysBetween } from './dates.ts';
import { generateDemoPayments, type DemoPayment } from './demoPayments.ts';
import { defaultProducts } from './productDefaults.ts';
import { createRandom, type Random } from './random.ts';

const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解仇';
const givenChars = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志文斌宇浩凯健俊峰波晨阳欣怡佳琪子涵梓轩雨婷丰';
const areas = ['幸福小区', '东门街', '河西新村', '老街', '学府花园', '工业园宿舍'];
const tagsPool = ['送货上门', '老顾客', '只收现金', '下午在家', '楼层高'];

/** How each default product is usually bought: chance a household buys it, and typical amounts. */
const buying: Record<string, { share: number; quantities: number[] }> = {
  rice_kg: { share: 0.7, quantities: [5, 10, 10, 25] },
  rice_jin: { share: 0.15, quantities: [10, 20, 50] },
  water_bucket: { share: 0.55, quantities: [1, 2, 2, 3] },
  milk_litre: { share: 0.3, quantities: [2, 4, 6] },
  gas_cylinder: { share: 0.4, quantities: [1] },
  oil_litre: { share: 0.45, quantities: [5, 5, 2.5] },
};

/**
 * Seasons (multiplier on daily use = 1 + amplitude * cos(2π (day of year - peak) / 365)): bottled water
 * sells more in summer, gas more in winter (hot water, hot pot), oil and rice a little more around the
 * Spring Festival; milk is flat.
 */
const seasons: Record<string, { amplitude: number; peakDayOfYear: number }> = {
  rice_kg: { amplitude: 0.05, peakDayOfYear: 35 },
  rice_jin: { amplitude: 0.05, peakDayOfYear: 35 },
  water_bucket: { amplitude: 0.2, peakDayOfYear: 200 },
  milk_litre: { amplitude: 0, peakDayOfYear: 0 },
  gas_cylinder: { amplitude: 0.15, peakDayOfYear: 15 },
  oil_litre: { amplitude: 0.1, peakDayOfYear: 35 },
};

/** Spring Festival (Lunar New Year's day): many households travel home for one to three weeks, and the demo shop closes. */
export const springFestivals = [
  '2019-02-05',
  '2020-01-25',
  '2021-02-12',
  '2022-02-01',
  '2023-01-22',
  '2024-02-10',
  '2025-01-29',
  '2026-02-17',
  '2027-02-06',
  '2028-01-26',
  '2029-02-13',
  '2030-02-03',
  '2031-01-23',
  '2032-02-11',
];

/** What the generator records about a cycle with `trace` (forecast:eval explains its misses with them). */
export type CycleEvent = 'spring festival' | 'holiday' | 'bought elsewhere' | 'household changed' | 'early (stocker)' | 'early' | 'ran out, came later';

export interface DemoSale {
  household: number;
  product: number;
  quantity: number;
  paid: boolean;
  date: string;
  /** What the household said was left at home, when the shopkeeper asked. */
  stockLeft?: number;
  /** Only with `trace`: what happened in the cycle that ended with this purchase (for forecast:eval). */
  events?: CycleEvent[];
}

export interface DemoShop {
  households: CustomerDraft[];
  sales: DemoSale[];
  payments: DemoPayment[];
  /** Only with `trace`: what the book never sees (for forecast:eval's simulated households). */
  trace?: DemoTrace;
}

/** A stretch of days a household is away: it uses nothing, buys nothing and answers no call. */
export interface AwaySpan {
  from: string;
  days: number;
  kind: 'holiday' | 'spring festival';
}

/**
 * One purchase of a product, here or elsewhere, and how the stock at home ran down after it: `rate` a
 * day for `useDays` days of use, with the household's days away (`away`) in between using nothing, until
 * the next purchase (`until`: the next leg's date, or when the generator would have bought next, past the
 * window or after the customer stopped). What is left at `until` is what the household kept (an early visit).
 */
export interface StockLeg {
  date: string;
  until: string;
  here: boolean;
  /** At home right after the purchase. */
  stock: number;
  rate: number;
  useDays: number;
  away: AwaySpan[];
}

export interface DemoTrace {
  /** Per household (same index as `households`): the days it is away. */
  away: AwaySpan[][];
  /** Per household: the day it stopped coming, or null (it still comes, or would after the window). */
  stopped: (string | null)[];
  /** Per household and product bought: its stock at home over time, one leg per purchase, in date order. */
  stock: { household: number; product: number; legs: StockLeg[] }[];
}

/**
 * The true stock at home at the start of `date` (before that day's use; on a purchase day, with what was
 * bought), from the legs of one household and product, or null when the generator does not know it:
 * before the first purchase, or from the last leg's `until` on.
 */
export function stockOnDate(legs: readonly StockLeg[], date: string): number | null {
  let leg: StockLeg | undefined;
  for (const l of legs) {
    if (l.date > date) break;
    leg = l;
  }
  if (!leg || date >= leg.until) return null;
  const elapsed = daysBetween(leg.date, date);
  let awayDays = 0;
  for (const a of leg.away) {
    const start = daysBetween(leg.date, a.from);
    awayDays += Math.max(0, Math.min(elapsed, start + a.days) - Math.max(0, start));
  }
  const used = Math.min(leg.useDays, elapsed - awayDays);
  return Math.max(0, leg.stock - leg.rate * used);
}

/** Whether the household is away on `date` (nobody answers the phone). */
export function isAway(away: readonly AwaySpan[], date: string): boolean {
  return away.some((a) => a.from <= date && date < addDays(a.from, a.days));
}

/** Household sizes as in the 2020 census (family households): a quarter live alone, 30 % are couples. */
const sizes = [1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 6];

function household(random: Random, index: number): CustomerDraft {
  const size = random.pick(sizes);
  // About a quarter of households have someone over 65; three-generation homes are the big ones.
  const seniors = size >= 4 && random.chance(0.5) ? random.int(1, 2) : size <= 2 ? (random.chance(0.3) ? size : 0) : random.chance(0.15) ? 1 : 0;
  const children = size - seniors >= 3 ? random.int(1, Math.min(3, size - seniors - 1)) : 0;
  const adults = Math.max(size - seniors - children, 0);
  const name = random.pick([...surnames]) + random.pick([...givenChars]) + (random.chance(0.7) ? random.pick([...givenChars]) : '');
  const area = random.pick(areas);
  const phone = `1${random.pick(['3', '5', '7', '8', '9'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`;
  return {
    name,
    phones: random.chance(0.15) ? [phone, `1${random.pick(['3', '8'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`] : [phone],
    address: `${area}${random.int(1, 30)}栋${random.int(1, 6)}单元${random.int(1, 18)}0${random.int(1, 4)}`,
    area,
    adults: adults === 0 && seniors === 0 ? 1 : adults,
    children,
    seniors,
    payday: random.chance(0.4) ? random.pick([5, 10, 15, 20, 25, 'end' as const]) : null,
    tags: random.chance(0.3) ? [random.pick(tagsPool)] : [],
    notes: index % 17 === 0 ? '大门密码 1234#' : '',
    creditLimitFen: null,
  };
}

/** exp(sd * N(0, 1)): a multiplicative spread around 1. */
function logNormal(random: Random, sd: number): number {
  return Math.exp(sd * Math.SQRT2 * random.normal());
}

function dayOfYear(date: string): number {
  return daysBetween(`${date.slice(0, 4)}-01-01`, date);
}

/** A stretch of days the whole household is away (no use of anything, no purchases). */
interface Away {
  start: number;
  days: number;
  kind: 'holiday' | 'spring festival';
}

/**
 * How one household lives, the same for every product it buys: what it is like at the counter
 * (stocks up early or comes when empty, splits its buying with another shop), when it is away, when it
 * changes (a baby, a grandparent moving in, a student leaving) and whether it stops coming.
 */
interface Habits {
  joined: number;
  stops: number;
  /** Comes back with some left most of the time (a "stocker"), instead of when it runs out. */
  stocker: boolean;
  /** Chance that a purchase is made elsewhere (a supermarket trip, a promotion down the road). */
  elsewhere: number;
  away: Away[];
  changeDay: number;
  changeFactor: number;
}

function habits(random: Random, days: number, startDate: string): Habits {
  const joined = random.int(0, Math.floor(days * 0.6));
  // About 12 % a year move away or change shops.
  const stops = random.chance(0.12 * (days / 365)) ? random.int(Math.min(days, joined + 30), days) : days + 1;
  const away: Away[] = [];
  // One or two trips a year (golden weeks, summer, family matters).
  const trips = random.chance(0.1) ? 2 : random.chance(0.35) ? 1 : 0;
  for (let t = 0; t < Math.round((trips * days) / 365); t++) away.push({ start: random.int(0, days), days: random.int(4, 14), kind: 'holiday' });
  // A third of the households go home for the Spring Festival.
  const endDate = addDays(startDate, days);
  if (random.chance(0.33)) {
    for (const festival of springFestivals) {
      if (festival < startDate || festival > endDate) continue;
      away.push({ start: daysBetween(startDate, festival) - random.int(1, 5), days: random.int(7, 21), kind: 'spring festival' });
    }
  }
  away.sort((a, b) => a.start - b.start);
  return {
    joined,
    stops,
    stocker: random.chance(0.2),
    elsewhere: random.chance(0.15) ? 0.1 + random.next() * 0.15 : random.next() * 0.05,
    away,
    changeDay: random.chance(0.1 * (days / 365)) ? random.int(joined, days) : days + 1,
    changeFactor: random.pick([0.7, 0.8, 1.25, 1.35]),
  };
}

export interface DemoShopOptions {
  households: number;
  endDate: string;
  days?: number;
  seed?: number;
  trace?: boolean;
  /**
   * Scales every product's season (1: the amplitudes above). The demo book shows its seasons plainly
   * (gas clearly more in winter); forecast:eval keeps the measured mild ones.
   */
  seasonScale?: number;
  /** Share of households that buy a product here, by nameKey, where it differs from `buying`'s. */
  shares?: Partial<Record<string, number>>;
}

export function generateDemoShop(options: DemoShopOptions): DemoShop {
  const random = createRandom(options.seed ?? 20261122);
  const days = options.days ?? 365;
  const trace = options.trace ?? false;
  const seasonScale = options.seasonScale ?? 1;
  const startDate = addDays(options.endDate, -days);
  const startDayOfYear = dayOfYear(startDate);
  const households: CustomerDraft[] = [];
  const sales: DemoSale[] = [];
  const traced: DemoTrace = { away: [], stopped: [], stock: [] };
  const span = (away: Away): AwaySpan => ({ from: addDays(startDate, away.start), days: away.days, kind: away.kind });
  for (let h = 0; h < options.households; h++) {
    const people = household(random, h);
    households.push(people);
    const life = habits(random, days, startDate);
    if (trace) {
      traced.away.push(life.away.map(span));
      traced.stopped.push(life.stops < days ? addDays(startDate, life.stops) : null);
    }
    defaultProducts.forEach((product, p) => {
      const habit = buying[product.nameKey];
      if (!habit || !random.chance(options.shares?.[product.nameKey] ?? habit.share)) return;
      const season = seasons[product.nameKey] ?? { amplitude: 0, peakDayOfYear: 0 };
      const use = product.dailyUse;
      const prior = people.adults * use.adult + people.children * use.child + people.seniors * use.senior;
      // Households differ from the guideline figures: some eat at work or out, some cook for relatives.
      const baseRate = prior * logNormal(random, 0.25);
      const usualQuantity = random.pick(habit.quantities);
      let stock = 0;
      let day = life.joined + random.int(0, 10);
      let events: CycleEvent[] = [];
      const legs: StockLeg[] = [];
      if (trace) traced.stock.push({ household: h, product: p, legs });
      while (day < Math.min(days, life.stops)) {
        const boughtHere = !random.chance(life.elsewhere);
        // Now and then another amount: a promotion, short of cash, a bigger bag for guests.
        const quantity = random.chance(0.12) ? random.pick(habit.quantities) : usualQuantity;
        if (boughtHere) {
          // The shopkeeper asks "how much is left at home?" now and then; mostly the answer is "none".
          const asked = random.chance(0.3);
          sales.push({
            household: h,
            product: p,
            quantity,
            paid: !random.chance(0.12),
            date: addDays(startDate, day),
            ...(asked ? { stockLeft: Math.round(stock * 2) / 2 } : {}),
            ...(trace ? { events } : {}),
          });
          events = [];
        } else if (trace) events.push('bought elsewhere');
        stock += quantity;
        const seasonal = 1 + seasonScale * season.amplitude * Math.cos((2 * Math.PI * (startDayOfYear + day - season.peakDayOfYear)) / 365);
        const changed = day >= life.changeDay;
        // Daily use is noisy (guests, meals out, a cold week); over a cycle the noise partly averages out.
        const expectedDays = Math.max(1, stock / (baseRate * seasonal));
        const noise = logNormal(random, Math.sqrt(0.08 ** 2 + 0.35 ** 2 / expectedDays));
        const rate = Math.max(0.001, baseRate * seasonal * (changed ? life.changeFactor : 1) * noise);
        if (trace && changed && day - life.changeDay < 60) events.push('household changed');
        // Most come back when they run out; stockers, and others now and then, with some left at home.
        const early = random.chance(life.stocker ? 0.7 : 0.1);
        const keepAtHome = early ? quantity * (0.1 + random.next() * 0.3) : 0;
        if (trace && early) events.push(life.stocker ? 'early (stocker)' : 'early');
        let daysOfUse = Math.max(1, Math.round(Math.max(0, stock - keepAtHome) / rate));
        const stockAfterPurchase = stock;
        const useDays = daysOfUse;
        stock = Math.max(0, stock - rate * daysOfUse);
        // Some run out and manage a day or two before coming.
        if (!early && random.chance(0.1)) {
          daysOfUse += random.int(1, 2);
          if (trace) events.push('ran out, came later');
        }
        let next = day + daysOfUse;
        const awayThisLeg: AwaySpan[] = [];
        for (const away of life.away) {
          if (away.start >= day && away.start < next) {
            next += away.days;
            if (trace) {
              events.push(away.kind);
              awayThisLeg.push(span(away));
            }
          }
        }
        if (trace) {
          legs.push({
            date: addDays(startDate, day),
            until: addDays(startDate, next),
            here: boughtHere,
            stock: stockAfterPurchase,
            rate,
            useDays,
            away: awayThisLeg,
          });
        }
        day = next;
      }
    });
  }
  sales.sort((a, b) => daysBetween(b.date, a.date) || a.household - b.household);
  const payments = generateDemoPayments(households, sales, options.endDate, options.seed ?? 20261122);
  return trace ? { households, sales, payments, trace: traced } : { households, sales, payments };
}
