/**
 * How the demo shop's customers pay what they bought on credit: most settle everything soon after
 * payday (households without one, every month or so); a few pay part; a few never do, so the
 * collection list has something real to show. Its own random stream, so the sales stay the same.
 */
import type { CustomerDraft } from '../contract.ts';
import { addDays, daysBetween } from './dates.ts';
import type { Payday } from './household.ts';
import { lineAmountFen } from './money.ts';
import { nextPaydayAfter } from './payday.ts';
import { defaultProducts } from './productDefaults.ts';
import { createRandom, type Random } from './random.ts';

export interface DemoCreditSale {
  household: number;
  product: number;
  quantity: number;
  paid: boolean;
  date: string;
}

export interface DemoPayment {
  household: number;
  amountFen: number;
  method: 'cash' | 'wechat' | 'alipay' | 'bank';
  date: string;
}

const methods = ['cash', 'wechat', 'wechat', 'alipay', 'cash', 'bank'] as const;

function nextSettlement(payday: Payday, after: string, everyDays: number): string {
  return payday === null ? addDays(after, everyDays) : nextPaydayAfter(payday, after);
}

export function generateDemoPayments(households: readonly CustomerDraft[], sales: readonly DemoCreditSale[], endDate: string, seed: number): DemoPayment[] {
  const random = createRandom(seed ^ 0x5eed);
  const creditByHousehold = new Map<number, DemoCreditSale[]>();
  for (const sale of sales) if (!sale.paid) creditByHousehold.set(sale.household, [...(creditByHousehold.get(sale.household) ?? []), sale]);
  const payments: DemoPayment[] = [];
  for (const [household, credit] of creditByHousehold) {
    if (random.chance(0.06)) continue; // never pays: the one the owner must chase
    const payday = households[household]!.payday;
    const everyDays = random.int(25, 45);
    const sorted = [...credit].sort((a, b) => daysBetween(b.date, a.date));
    let owedFen = 0;
    let index = 0;
    let settleOn = nextSettlement(payday, sorted[0]!.date, everyDays);
    while (settleOn <= endDate) {
      while (index < sorted.length && sorted[index]!.date < settleOn) {
        const sale = sorted[index++]!;
        owedFen += lineAmountFen(sale.quantity, defaultProducts[sale.product]!.priceFen);
      }
      const paidOn = addDays(settleOn, random.int(0, 4));
      if (owedFen > 0 && paidOn <= endDate && random.chance(0.85)) {
        const amountFen = random.chance(0.15) ? Math.max(100, Math.round((owedFen * random.int(3, 7)) / 1000) * 100) : owedFen;
        payments.push({ household, amountFen: Math.min(amountFen, owedFen), method: random.pick(methods), date: paidOn });
        owedFen -= Math.min(amountFen, owedFen);
      }
      settleOn = nextSettlement(payday, settleOn, everyDays);
    }
  }
  payments.push(...paymentsAhead(random, sales, payments, endDate));
  return payments.sort((a, b) => daysBetween(b.date, a.date) || a.household - b.household);
}

/**
 * A few households that buy bottled water keep money with the shop (the water card every water shop
 * sells): lately they paid what they owed and 100 to 300 yuan more, so the book shows money paid ahead.
 */
function paymentsAhead(random: Random, sales: readonly DemoCreditSale[], payments: readonly DemoPayment[], endDate: string): DemoPayment[] {
  const water = defaultProducts.findIndex((p) => p.nameKey === 'water_bucket');
  const since = addDays(endDate, -60);
  const owedFen = new Map<number, number>();
  const buysWater = new Set<number>();
  for (const sale of sales) {
    if (!sale.paid) owedFen.set(sale.household, (owedFen.get(sale.household) ?? 0) + lineAmountFen(sale.quantity, defaultProducts[sale.product]!.priceFen));
    if (sale.product === water && sale.date >= since) buysWater.add(sale.household);
  }
  for (const payment of payments) owedFen.set(payment.household, (owedFen.get(payment.household) ?? 0) - payment.amountFen);
  const ahead: DemoPayment[] = [];
  for (const household of [...buysWater].sort((a, b) => a - b)) {
    if (!random.chance(0.08)) continue;
    const amountFen = Math.max(0, owedFen.get(household) ?? 0) + random.int(1, 3) * 10_000;
    ahead.push({ household, amountFen, method: random.pick(['wechat', 'cash'] as const), date: addDays(endDate, -random.int(1, 30)) });
  }
  return ahead;
}
