/** The message a row copies (shared/domain/messageText.ts), in the language of the screen, and the copy itself. */
import type { TFunction } from 'i18next';
import type { ReminderRow, Settings } from '../../../shared/contract.ts';
import type { LabelLanguage } from '../../../shared/domain/labels.ts';
import { fillMessage, messageQuantity, paymentTemplate, reminderTemplate } from '../../../shared/domain/messageText.ts';
import { money } from './format.ts';

export function messageLanguage(language: string): LabelLanguage {
  return language === 'en' ? 'en' : 'zh-CN';
}

type Shop = Pick<Settings, 'shopName' | 'messageTemplates'>;

/** "王芳，您家的大米差不多该用完了，还是送 10 公斤吗？——老王粮油店": as much as last time. */
export function reminderMessage(
  t: TFunction,
  language: string,
  shop: Shop,
  row: Pick<ReminderRow, 'productId' | 'name' | 'productName' | 'lastQuantity' | 'unit'>,
): string {
  return fillMessage(reminderTemplate(shop.messageTemplates, row.productId, messageLanguage(language)), {
    name: row.name,
    product: row.productName,
    quantity: messageQuantity(row.lastQuantity),
    unit: t(`products.units.${row.unit}`, { count: row.lastQuantity }),
    shop: shop.shopName,
  });
}

/** A reminder of what is owed: "王芳，您好！您在本店还有 ¥120.00 未结……". */
export function paymentMessage(language: string, shop: Shop, row: { name: string; balanceFen: number }): string {
  return fillMessage(paymentTemplate(shop.messageTemplates, messageLanguage(language)), { name: row.name, amount: money(row.balanceFen), shop: shop.shopName });
}

/**
 * Puts the text on the clipboard (both shells: Electron grants this one permission, security.ts; the
 * browser shell is served from 127.0.0.1, a secure context). Throws when the clipboard refused it.
 */
export async function copyToClipboard(text: string): Promise<void> {
  if (typeof navigator === 'undefined' || !navigator.clipboard) throw new Error('no clipboard');
  await navigator.clipboard.writeText(text);
}
