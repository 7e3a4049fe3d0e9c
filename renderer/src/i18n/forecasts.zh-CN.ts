/** The forecasts area's words (zh-CN). */
export const forecastsZhCN = {
  title: '预计用量',
  empty: '记过销售之后，这里会估算每样商品什么时候用完。',
  dailyUse: '每天用量',
  perDay: '约 {{quantity}} / 天',
  oneEvery: '约 {{count}} 天 1 {{unit}}',
  confidence: '可信度',
  lastPurchase: '上次购买',
  runOut: '预计用完',
  reminderOn: '{{date}} 提醒',
  confidenceLevels: { prior: '按人数估算', low: '较粗略', medium: '一般', high: '较准' },
  observations: '根据 {{count}} 次购买',
};
