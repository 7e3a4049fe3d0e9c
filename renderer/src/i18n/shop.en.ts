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
    dailyCalls: 'Calls a day',
    dailyCallsHelp: 'Today lists this many first (what became due today always); the rest under "Show all"',
    dataFolder: 'Data folder',
    version: 'Version',
    saved: 'Settings saved',
    shortcuts: 'Keyboard shortcuts',
    shortcutList: {
      search: 'Search customers',
      newCustomer: 'New customer',
      recordSale: 'Record a sale for the selected customer',
      move: 'Move up and down the list',
      close: 'Close a dialog / clear the search',
      today: 'Today: called / order / snooze / skip / undo / print',
    },
  },
};
