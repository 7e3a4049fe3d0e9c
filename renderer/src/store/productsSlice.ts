import type { StateCreator } from 'zustand';
import type { ApiClient, Product, ProductDraftInput } from '../../../shared/contract.ts';
import type { AppState } from './types.ts';

export interface ProductsSlice {
  products: Product[];
  includeArchivedProducts: boolean;
  loadProducts(): Promise<void>;
  setIncludeArchivedProducts(include: boolean): Promise<void>;
  saveProduct(id: number | null, draft: ProductDraftInput): Promise<Product>;
  setProductArchived(id: number, archived: boolean): Promise<Product>;
  /** The per-person figures times what the shop's households showed (the page's "apply?"). */
  applyLearnedRates(id: number): Promise<Product>;
}

export const createProductsSlice =
  (api: ApiClient): StateCreator<AppState, [], [], ProductsSlice> =>
  (set, get) => ({
    products: [],
    includeArchivedProducts: false,
    async loadProducts() {
      set({ products: await api['products.list']({ includeArchived: get().includeArchivedProducts }) });
    },
    async setIncludeArchivedProducts(include) {
      set({ includeArchivedProducts: include });
      await get().loadProducts();
    },
    async saveProduct(id, draft) {
      const product = id === null ? await api['products.create']({ draft }) : await api['products.update']({ id, draft });
      await get().loadProducts();
      return product;
    },
    async applyLearnedRates(id) {
      const product = await api['products.applyLearnedRates']({ id });
      await get().loadProducts();
      return product;
    },
    async setProductArchived(id, archived) {
      const product = archived ? await api['products.archive']({ id }) : await api['products.restore']({ id });
      await get().loadProducts();
      return product;
    },
  });
