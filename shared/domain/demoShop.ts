/**
 * A believable shop to look at (and to benchmark): households of different sizes in a few
 * neighbourhoods, each buying some staples at its own pace, with noise, purchases elsewhere and
 * customers who stop coming. Pure and seeded: the same seed gives the same shop.
 */
import type { CustomerDraft } from '../contract.ts';
import { addDays, daysBetween } from './dates.ts';
import { defaultProducts } from './productDefaults.ts';
import { createRandom, type Random } from './random.ts';

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解仇';
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

export interface DemoSale {
  household: number;
  product: number;
  quantity: number;
  paid: boolean;
  date: string;
  /** What the household said was left at home, when the shopkeeper asked. */
  stockLeft?: number;
}

export interface DemoShop {
  households: CustomerDraft[];
  sales: DemoSale[];
}

function household(random: Random, index: number): CustomerDraft {
  const size = random.pick([1, 2, 2, 3, 3, 3, 4, 4, 5, 6]);
  const seniors = size >= 4 && random.chance(0.5) ? random.int(1, 2) : random.chance(0.1) ? 1 : 0;
  const children = size - seniors >= 3 ? random.int(1, Math.min(3, size - seniors - 1)) : 0;
  const adults = Math.max(size - seniors - children, seniors > 0 || children > 0 ? 0 : 1);
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

export function generateDemoShop(options: { households: number; endDate: string; days?: number; seed?: number }): DemoShop {
  const random = createRandom(options.seed ?? 20261122);
  const days = options.days ?? 365;
  const startDate = addDays(options.endDate, -days);
  const households: CustomerDraft[] = [];
  const sales: DemoSale[] = [];
  for (let h = 0; h < options.households; h++) {
    const people = household(random, h);
    households.push(people);
    const joined = random.int(0, Math.floor(days * 0.6));
    const stops = random.chance(0.08) ? random.int(joined + 30, days) : days + 1;
    defaultProducts.forEach((product, p) => {
      const habit = buying[product.nameKey];
      if (!habit || !random.chance(habit.share)) return;
      const use = product.dailyUse;
      const prior = people.adults * use.adult + people.children * use.child + people.seniors * use.senior;
      // Households differ from the guideline figures: some eat at work, some cook for relatives.
      const baseRate = prior * (0.7 + random.next() * 0.6);
      // A household that changes: a baby, a grandparent moving in, a student leaving.
      const changeDay = random.chance(0.1) ? random.int(joined, days) : days + 1;
      const changeFactor = random.pick([0.7, 0.8, 1.25, 1.35]);
      const usualQuantity = random.pick(habit.quantities);
      let stock = 0;
      let day = joined + random.int(0, 10);
      while (day < Math.min(days, stops)) {
        const boughtHere = !random.chance(0.06);
        if (boughtHere) {
          const asked = stock > 0.05 * usualQuantity && random.chance(0.4);
          sales.push({
            household: h,
            product: p,
            quantity: usualQuantity,
            paid: !random.chance(0.12),
            date: addDays(startDate, day),
            ...(asked ? { stockLeft: Math.round(stock * 2) / 2 } : {}),
          });
        }
        stock += usualQuantity;
        const rate = Math.max(0.001, (day >= changeDay ? baseRate * changeFactor : baseRate) * (1 + 0.12 * random.normal()));
        // Most come back when they run out; some a little before, with some left at home.
        const keepAtHome = random.chance(0.15) ? usualQuantity * (0.1 + random.next() * 0.3) : 0;
        const daysOfUse = Math.max(1, Math.round(Math.max(0, stock - keepAtHome) / rate));
        const awayForHoliday = random.chance(0.03) ? random.int(5, 20) : 0;
        stock = Math.max(0, stock - rate * daysOfUse);
        day += daysOfUse + awayForHoliday;
      }
    });
  }
  sales.sort((a, b) => daysBetween(b.date, a.date) || a.household - b.household);
  return { households, sales };
}
