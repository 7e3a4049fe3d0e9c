import { UNIT_LABELS } from '../../../shared/domain/labels.ts';

/** The products area's words (zh-CN). */
export const productsZhCN = {
  title: '商品',
  new: '新建商品',
  edit: '编辑商品',
  name: '名称',
  unit: '单位',
  price: '单价（元）',
  dailyUse: '每人每天用量',
  dailyUseHelp: '用于估算每户多久用完，可按实际情况调整',
  noDailyUse: '至少一项要大于 0，否则算不出客户什么时候用完',
  adult: '大人',
  child: '小孩',
  senior: '老人',
  leadDays: '提前提醒天数',
  archive: '停售',
  restore: '恢复',
  showArchived: '显示已停售',
  archivedTag: '已停售',
  archiveConfirm: '停售“{{name}}”？',
  archiveConfirmDetail: '买它的住户不再收到它的提醒。恢复后按购买记录重新提醒。',
  saved: '已保存“{{name}}”',
  units: UNIT_LABELS['zh-CN'],
};
