import type { EnglishOf } from './englishShape.ts';
import type { shopZhCN } from './shop.zh-CN.ts';

/** The shop area's words (en). */
export const shopEn: EnglishOf<typeof shopZhCN> = {
  welcome: {
    title: 'Welcome to Huitou',
    subtitle: 'Remember every household and get reminded before they run out. Your data stays on this computer.',
    shopName: 'Shop name',
    shopNamePlaceholder: "e.g. Wang's Rice & Oil",
    demo: 'Open a demo shop',
    demoHint: 'Generates 150 households with a year of sales, to see how it works.',
    empty: 'Start empty',
    emptyHint: 'Only the default products (rice, bottled water, milk, bottled gas, cooking oil); you add the customers.',
    demoCreated: 'Demo shop ready: {{customers}} households, {{sales}} sales',
  },
  settings: {
    title: 'Settings',
    shopName: 'Shop name',
    language: 'Language',
    languageSystem: 'Follow the system',
    largeText: 'Large text (for the counter)',
    dataFolder: 'Data folder',
    version: 'Version',
    saved: 'Settings saved',
    shortcuts: 'Keyboard shortcuts',
    onStatements: {
      title: 'Printed on receipts and statements',
      shopPhone: 'Shop phone',
      shopAddress: 'Shop address',
      paymentLine: 'How to pay',
      paymentLinePlaceholder: 'e.g. WeChat/Alipay 138 0000 0000 (Mr Wang)',
    },
    shortcutList: {
      search: 'Search customers',
      newCustomer: 'New customer',
      recordSale: 'Open a counter slip (for the selected customer, else a walk-in)',
      move: 'Move up and down the list',
      close: 'Close a dialog / clear the search',
      today: 'Today: called / order / snooze / skip / copy message / undo / print',
    },
  },
  messages: {
    title: 'Messages to customers',
    help: 'On Today, M (or "Copy message") copies this text to paste into WeChat or an SMS. Placeholders: {name} {product} {quantity} {unit} {shop}, and {amount} for what is owed. Left empty, the grey default is used.',
    allProducts: 'All products',
    payment: 'Payment reminder',
    templateOf: 'Message for {{what}}',
    save: 'Save messages',
  },
};
