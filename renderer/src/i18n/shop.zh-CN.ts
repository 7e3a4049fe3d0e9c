/** The shop area's words (zh-CN). */
export const shopZhCN = {
  welcome: {
    title: '欢迎使用回头客',
    subtitle: '记住每一户客户，在他们用完之前提醒您。所有数据只保存在这台电脑上。',
    shopName: '店名',
    shopNamePlaceholder: '例如：老王粮油店',
    demo: '打开示范店铺',
    demoHint: '自动生成 150 户客户和一年的销售记录，先看看怎么用。',
    empty: '从空白开始',
    emptyHint: '只带默认商品（大米、桶装水、牛奶、液化气、食用油），客户由您自己添加。',
    demoCreated: '示范店铺已生成：{{customers}} 户客户，{{sales}} 笔销售',
  },
  settings: {
    title: '设置',
    shopName: '店名',
    shopPhone: '店里电话（印在小票上）',
    language: '语言',
    languageSystem: '跟随系统',
    largeText: '大字体（适合柜台）',
    dataFolder: '数据保存位置',
    version: '版本',
    saved: '设置已保存',
    shortcuts: '快捷键',
    shortcutList: {
      search: '搜索客户',
      newCustomer: '新建客户',
      recordSale: '开单（给选中的客户，没选就是散客）',
      move: '在名单中上下移动',
      close: '关闭对话框 / 清空搜索',
      today: '今日名单：打过电话 / 下单 / 推迟 / 跳过本轮 / 撤销 / 打印',
    },
  },
};
