import type { EnglishOf } from './englishShape.ts';
import type { membershipZhCN } from './membership.zh-CN.ts';

/** Membership's words (en). */
export const membershipEn: EnglishOf<typeof membershipZhCN> = {
  tiers: { vip: 'VIP customer', key: 'Key customer', regular: 'Regular customer', small: 'Small customer' },
  levels: { vip: 'VIP member', key: 'Key member', regular: 'Regular member', paid: 'Paid member' },
  notMember: 'Not a member',
  discount: 'Member price {{pct}}% off',
  paidUntil: 'Paid member until {{date}}',
  points: '{{points, number}} points',
  buy: 'Sell a membership',
  buyConfirm: 'Take {{amount}} for a {{days}}-day paid membership (a renewal starts when the current one ends)?',
  buyMethod: 'Paid by',
  bought: 'Member until {{date}}',
  undoBuy: 'Undo membership',
  undoBuyConfirm: 'Undo the paid membership {{from}} to {{to}} (refund {{amount}})?',
  undone: 'Undone',
  memberPrice: 'Member price ({{pct}}% off)',
  redeem: 'Use points',
  redeemOf: '{{points, number}} points held, {{per}} points take 1 yuan off',
  redeemValue: '{{amount}} off',
  statementLine: '{{level}} · {{balance, number}} points (earned {{earned, number}}, used {{redeemed, number}})',
  settings: {
    title: 'Membership and points',
    pointsPerYuan: 'Points per yuan spent',
    pointsPerYuanOff: 'Points for 1 yuan off',
    discounts: 'Member price (% off)',
    priceFen: 'Paid membership price (yuan)',
    days: 'Paid membership length (days)',
    save: 'Save',
    fromDate: 'These rules apply from {{date}}: earlier purchases keep the points of their day.',
    never: 'Not set yet: no points and no member price for now.',
  },
};
