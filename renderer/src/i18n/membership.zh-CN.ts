/** Membership's words (zh-CN): levels, points, the member price, the owner's rules. */
export const membershipZhCN = {
  tiers: { vip: 'VIP客户', key: '重点客户', regular: '普通客户', small: '小额客户' },
  levels: { vip: 'VIP会员', key: '重点会员', regular: '普通会员', paid: '付费会员' },
  notMember: '非会员',
  discount: '会员价优惠 {{pct}}%',
  paidUntil: '付费会员到 {{date}}',
  points: '积分 {{points, number}}',
  buy: '开通付费会员',
  buyConfirm: '收 {{amount}}，开通 {{days}} 天付费会员（续费从到期日接着算）？',
  buyMethod: '收款方式',
  bought: '已开通，到 {{date}}',
  undoBuy: '撤销开通',
  undoBuyConfirm: '撤销 {{from}} 到 {{to}} 的付费会员（退回 {{amount}}）？',
  undone: '已撤销',
  // The slip
  memberPrice: '会员价（优惠 {{pct}}%）',
  redeem: '用积分',
  redeemOf: '共 {{points, number}} 积分，{{per}} 积分抵 1 元',
  redeemValue: '抵 {{amount}}',
  // The statement
  statementLine: '{{level}} · 积分余额 {{balance, number}}（累计得 {{earned, number}}，已用 {{redeemed, number}}）',
  // The owner's settings
  settings: {
    title: '会员与积分',
    pointsPerYuan: '每消费 1 元得积分',
    pointsPerYuanOff: '多少积分抵 1 元',
    discounts: '会员价优惠（%）',
    priceFen: '付费会员价格（元）',
    days: '付费会员期限（天）',
    save: '保存',
    fromDate: '现行规则从 {{date}} 起：之前的消费按当时的规则算积分。',
    never: '还没有设置：现在不积分，也没有会员价。',
  },
};
