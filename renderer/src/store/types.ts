import type { ReminderAction, ReminderRow, Sale } from '../../../shared/contract.ts';
import type { CallListSlice } from './callListSlice.ts';
import type { CreditSlice } from './creditSlice.ts';
import type { CustomerInsightsSlice, CustomersSlice } from './customersSlice.ts';
import type { DataSlice } from './dataSlice.ts';
import type { OwnerSlice } from './ownerSlice.ts';
import type { ComplaintsSlice } from './complaintsSlice.ts';
import type { GasSlice } from './gasSlice.ts';
import type { MembershipSlice } from './membershipSlice.ts';
import type { PrepaidSlice } from './prepaidSlice.ts';

import type { ContainersSlice } from './containersSlice.ts';
import type { ProductsSlice } from './productsSlice.ts';
import type { SalesSlice } from './salesSlice.ts';
import type { ShopSlice } from './shopSlice.ts';
import type { SlipsSlice } from './slipsSlice.ts';
import type { DayCloseSlice } from './dayCloseSlice.ts';

export type View = 'callList' | 'customers' | 'collections' | 'journal' | 'owner' | 'complaints' | 'gas' | 'prepaid' | 'products' | 'data' | 'settings';

export type Dialog =
  | { kind: 'customerForm'; customerId: number | null }
  /**
   * From the Today screen ("order placed", `fromCallList`): `productId` preselected, `customerName` for the
   * title, `quantity` as last time; the sale then goes on the list's Ctrl+Z stack.
   */
  | { kind: 'recordSale'; customerId: number; correcting?: Sale; productId?: number; customerName?: string; quantity?: number; fromCallList?: boolean }
  /** The counter slip (F4): for a household, or a walk-in when `customerId` is null. */
  | { kind: 'slip'; customerId: number | null; customerName?: string }
  | { kind: 'called'; row: ReminderRow }
  | { kind: 'snooze'; row: ReminderRow }
  | null;

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

export type AppState = ShopSlice &
  CustomersSlice &
  ProductsSlice &
  SalesSlice &
  CallListSlice &
  CustomerInsightsSlice &
  CreditSlice &
  DataSlice &
  OwnerSlice &
  SlipsSlice &
  ComplaintsSlice &
  GasSlice &
  MembershipSlice &
  DayCloseSlice &
  PrepaidSlice &
  ContainersSlice &
  DialogSlice;
