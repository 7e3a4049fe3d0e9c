/**
 * The counter slip's side of prepaid plans (features/slips/SlipDialog.tsx): what the household holds, how
 * many tickets a line draws (by default as many as its whole quantity, while tickets are left), the value
 * they cover (the slip's `tickets` payment) and the line's tickets cell.
 */
import { Checkbox } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrepaidBalances } from '../../../../shared/contract.ts';
import { lineAmountFen } from '../../../../shared/domain/money.ts';
import { useAppStore } from '../../store/store.ts';

interface TicketLine {
  key: number;
  product: { id: number };
  quantity: number;
  unitPriceFen: number;
  /** Tickets drawn for the line; 0: paid otherwise. */
  tickets: number;
}

/** The value of the lines' tickets: what the slip's `tickets` payment must be. */
export const ticketsFenOf = (lines: readonly TicketLine[]) => lines.reduce((sum, l) => sum + (l.tickets > 0 ? lineAmountFen(l.tickets, l.unitPriceFen) : 0), 0);

export function useSlipPrepaid(customerId: number | null) {
  const api = useAppStore((s) => s.api);
  const [balances, setBalances] = useState<PrepaidBalances | null>(null);
  useEffect(() => {
    setBalances(null);
    if (customerId === null) return undefined;
    let current = true;
    api['prepaid.forCustomer']({ customerId })
      .then((h) => current && setBalances(h.balances))
      // An older backend without prepaid plans: the slip is paid as before.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [api, customerId]);
  const held = (productId: number) => balances?.tickets.find((b) => b.productId === productId)?.left ?? 0;
  /** Tickets still free for a line of the product, the slip's other lines' tickets taken off. */
  const available = (productId: number, lines: readonly TicketLine[], exceptKey?: number) =>
    held(productId) - lines.filter((l) => l.product.id === productId && l.key !== exceptKey).reduce((sum, l) => sum + l.tickets, 0);
  return {
    holdsTickets: (balances?.tickets.some((b) => b.left > 0) ?? false) as boolean,
    storedLeftFen: balances?.stored?.leftFen ?? 0,
    /** A bucket paid by ticket is the station's usual sale: a new line draws whole tickets while there are. */
    defaultTickets: (productId: number, quantity: number, lines: readonly TicketLine[]) =>
      Math.max(0, Math.min(Math.floor(quantity), available(productId, lines))),
    available,
  };
}

/** The line's "by tickets" box: ticked, the line draws as many tickets as it can (its whole quantity at most). */
export function TicketsCell({ line, available, onChange }: { line: TicketLine; available: number; onChange: (tickets: number) => void }) {
  const { t } = useTranslation();
  const most = Math.min(Math.floor(line.quantity), available);
  if (most <= 0 && line.tickets === 0) return null;
  return (
    <Checkbox checked={line.tickets > 0} onChange={(e) => onChange(e.target.checked ? most : 0)}>
      {line.tickets > 0 ? t('prepaid.slip.tickets', { count: line.tickets }) : t('prepaid.slip.useTickets')}
    </Checkbox>
  );
}
