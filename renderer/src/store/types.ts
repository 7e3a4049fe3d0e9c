import type { ApiClient, AppInfo, Customer, CustomerDraftInput, CustomerSummary, Product, ProductDraftInput, Sale, SaleDraftInput, Settings } from '../../../shared/contract.ts';

export type View = 'customers' | 'products' | 'settings';

export type Dialog =
  | { kind: 'customerForm'; customerId: number | null }
  | { kind: 'recordSale'; customerId: number; correcting?: Sale }
  | null;

export interface SessionSlice {
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

export type AppState = SessionSlice & CustomersSlice & ProductsSlice & SalesSlice & DialogSlice;
