import type {
  ApiClient,
  AppInfo,
  CallList,
  Contact,
  Customer,
  CustomerDraftInput,
  CustomerSummary,
  ForecastRow,
  Product,
  ProductDraftInput,
  ReminderAction,
  ReminderRow,
  Sale,
  SaleDraftInput,
  Settings,
  UndoneContact,
} from '../../../shared/contract.ts';
import type { CreditSlice } from './creditSlice.ts';
import type { DataSlice } from './dataSlice.ts';

export type View = 'callList' | 'customers' | 'collections' | 'products' | 'data' | 'settings';

export type Dialog =
  | { kind: 'customerForm'; customerId: number | null }
  /**
   * From the Today screen ("order placed", `fromCallList`): `productId` preselected, `customerName` for the
   * title, `quantity` as last time; the sale then goes on the list's Ctrl+Z stack.
   */
  | { kind: 'recordSale'; customerId: number; correcting?: Sale; productId?: number; customerName?: string; quantity?: number; fromCallList?: boolean }
  | { kind: 'called'; row: ReminderRow }
  | { kind: 'snooze'; row: ReminderRow }
  | null;

export interface ShopSlice {
  api: ApiClient;
  status: 'loading' | 'ready' | 'failed';
  info: AppInfo | null;
  loadError: unknown;
  view: View;
  load(): Promise<void>;
  setView(view: View): void;
  updateSettings(patch: Partial<Pick<Settings, 'shopName' | 'language' | 'largeText'>>): Promise<void>;
  startShop(kind: 'demo' | 'empty', shopName: string, language: 'zh-CN' | 'en'): Promise<{ customers: number; sales: number } | null>;
}

export interface CustomersSlice {
  query: string;
  includeArchived: boolean;
  results: CustomerSummary[];
  more: boolean;
  selectedId: number | null;
  selected: Customer | null;
  setQuery(query: string): Promise<void>;
  setIncludeArchived(include: boolean): Promise<void>;
  refreshResults(): Promise<void>;
  select(id: number | null): Promise<void>;
  moveSelection(delta: number): void;
  saveCustomer(id: number | null, draft: CustomerDraftInput, allowDuplicatePhone: boolean): Promise<Customer>;
  archiveCustomer(id: number): Promise<Customer>;
  restoreCustomer(id: number): Promise<Customer>;
}

export interface ProductsSlice {
  products: Product[];
  includeArchivedProducts: boolean;
  loadProducts(): Promise<void>;
  setIncludeArchivedProducts(include: boolean): Promise<void>;
  saveProduct(id: number | null, draft: ProductDraftInput): Promise<Product>;
  setProductArchived(id: number, archived: boolean): Promise<Product>;
}

export interface SalesSlice {
  sales: Sale[];
  loadSales(customerId: number): Promise<void>;
  recordSale(draft: SaleDraftInput): Promise<Sale>;
  correctSale(id: number, draft: Omit<SaleDraftInput, 'customerId'>, reason: string): Promise<Sale>;
  voidSale(id: number, reason: string): Promise<Sale>;
}

export interface DialogSlice {
  dialog: Dialog;
  openDialog(dialog: Exclude<Dialog, null>): void;
  closeDialog(): void;
}

/** A sale recorded from the call list, as Ctrl+Z undoes it (voided, like its message's Undo) and says so. */
export interface SaleUndo {
  kind: 'sale';
  saleId: number;
  name: string;
  /** The message's words: product, quantity, amount. */
  what: { product: string; quantity: string; amount: string };
}

/** One entry of the Today screen's Ctrl+Z stack: an action logged on a row, or an order placed from it. */
export type ListUndo = { kind: 'contact'; contactId: number; name: string } | SaleUndo;

export type ReminderActionInput = Omit<ReminderAction, 'note'> & { note?: string };

export interface CallListSlice {
  callList: CallList | null;
  /** Only this area/route ('' = every area). */
  callArea: string;
  /** reminderKey of the selected row on the Today screen. */
  callSelectedKey: string | null;
  /** What was done from the Today screen, newest last: Ctrl+Z undoes the last one. */
  undoStack: ListUndo[];
  /** Puts a sale recorded from the list ("order placed") on the Ctrl+Z stack. */
  pushSaleUndo(entry: SaleUndo): void;
  /**
   * Voids a sale just recorded (its message's Undo, or Ctrl+Z on the list) and takes it off the stack once
   * voided, or when it never can be; a passing failure leaves it there for another try.
   */
  undoSale(saleId: number, reason: string): Promise<Sale>;
  loadCallList(): Promise<void>;
  /** The lapsed households of the area shown (the list only counts them). */
  loadLapsed(): Promise<ReminderRow[]>;
  setCallArea(area: string): Promise<void>;
  selectCallRow(key: string | null): void;
  moveCallSelection(delta: number): void;
  /** Logs the action, refreshes the list and moves the selection on; returns the logged contact. */
  actOnReminder(action: ReminderActionInput, name: string): Promise<Contact>;
  /**
   * Undoes the given contact, or the newest entry of the stack when it is a contact; null when there was
   * nothing to undo. (A sale on top is voided by useCallListActions, which words its message.)
   */
  undoReminderAction(contactId?: number): Promise<{ contact: UndoneContact; name: string } | null>;
}

export interface CustomerInsightsSlice {
  forecasts: ForecastRow[];
  contacts: Contact[];
  loadInsights(customerId: number): Promise<void>;
}

export type AppState = ShopSlice &
  CustomersSlice &
  ProductsSlice &
  SalesSlice &
  CallListSlice &
  CustomerInsightsSlice &
  CreditSlice &
  DataSlice &
  DialogSlice;
