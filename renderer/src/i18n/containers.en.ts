import type { EnglishOf } from './englishShape.ts';
import type { containersZhCN } from './containers.zh-CN.ts';

/** Containers and deposits (en). */
export const containersEn: EnglishOf<typeof containersZhCN> = {
  types: { bucket: 'Bucket', bottle: 'Bottle', milk_box: 'Milk box', cylinder: 'Cylinder' },
  none: 'No container',
  product: {
    container: 'Container',
    containerHelp: "The shop's bucket, bottle, milk box or cylinder: the slip records those out and back",
    deposit: 'Deposit (¥ each)',
    tag: '{{name}}, deposit {{amount}}',
  },
  title: 'Containers and deposits',
  container: 'Container',
  out: 'Out',
  in: 'Back',
  held: 'At home',
  returned: 'Returned',
  depositPaid: 'Deposit in',
  refunded: 'Deposit back',
  deposit: 'Deposit',
  owes: 'Owes',
  depositText: '{{count}}, {{amount}}',
  slip: {
    title: 'Containers and deposits',
    balance: '{{name}}: {{held}} at home, {{deposits}} on deposit, owes {{owes}}',
    toCollect: 'To collect with deposits {{amount}}',
  },
  receipt: {
    moved: '{{name}}: {{out}} out, {{in}} back',
    deposit: 'Deposit: {{paid}} taken, {{refunded}} paid back',
    balance: '{{name}}: {{held}} at your home, {{deposits}} on deposit ({{amount}}), owes {{owes}}',
  },
  statement: {
    title: 'Containers and deposits',
  },
  owing: {
    open: 'Owed containers',
    title: 'Households owing containers',
    summary: '{{count}} households owe {{owes}}',
    name: 'Household',
    phone: 'Phone',
    area: 'Area',
    lastDate: 'Last time',
    none: 'Nobody owes containers',
  },
};
