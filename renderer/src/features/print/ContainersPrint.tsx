/**
 * Containers on paper: on a slip's receipt what it moved and what the household holds now, on a
 * statement what the household holds, owes and has on deposit. A printed "holds 3, owes 1" settles the
 * daily "I returned it last time!". The views wait for these (`undefined` while loading) before printing.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput, ContainerBalanceRow } from '../../../../shared/contract.ts';
import { money } from '../../components/format.ts';
import { useAppStore } from '../../store/store.ts';
import { balanceText } from '../containers/containerText.ts';

/** The call's answer once it came (null when it failed: the view prints without the block). */
function useLoaded<T>(load: (() => Promise<T>) | null): T | null | undefined {
  const [data, setData] = useState<T | null | undefined>(undefined);
  useEffect(() => {
    if (!load) return undefined;
    let current = true;
    load()
      .then((d) => current && setData(d))
      .catch(() => current && setData(null));
    return () => {
      current = false;
    };
  }, [load]);
  return data;
}

export function useSlipContainersPrint(slipId: number | undefined) {
  const api = useAppStore((s) => s.api);
  const load = useMemo(() => (slipId ? () => api['containers.forSlip']({ slipId }) : null), [api, slipId]);
  return useLoaded<CallOutput<'containers.forSlip'>>(load);
}

export function useCustomerContainersPrint(customerId: number | undefined) {
  const api = useAppStore((s) => s.api);
  const load = useMemo(() => (customerId ? () => api['containers.forCustomer']({ customerId }) : null), [api, customerId]);
  return useLoaded<ContainerBalanceRow[]>(load);
}

function Balances({ balances }: { balances: ContainerBalanceRow[] }) {
  const { t } = useTranslation();
  return (
    <>
      {balances.map((b) => (
        <p key={b.container} className={b.owes > 0 ? 'receipt-owed' : ''}>
          {balanceText(t, b)}
        </p>
      ))}
    </>
  );
}

export function SlipContainersBlock({ data }: { data: CallOutput<'containers.forSlip'> | null | undefined }) {
  const { t } = useTranslation();
  const moves = (data?.moves ?? []).filter((m) => !m.voidedAt);
  if (!data || (moves.length === 0 && !data.balances?.length)) return null;
  return (
    <div className="containers-print">
      {moves.map((m) => (
        <p key={m.container}>
          {t('containers.receipt.moved', { name: t(`containers.types.${m.container}`), out: m.out, in: m.in })}
          {m.depositPaid + m.refunded > 0 && ` · ${t('containers.receipt.deposit', { paid: money(m.depositPaidFen), refunded: money(m.refundedFen) })}`}
        </p>
      ))}
      {data.balances && <Balances balances={data.balances} />}
    </div>
  );
}

export function StatementContainersBlock({ balances }: { balances: ContainerBalanceRow[] | null | undefined }) {
  const { t } = useTranslation();
  if (!balances?.length) return null;
  return (
    <div className="containers-print">
      <h2 className="statement-containers-title">{t('containers.statement.title')}</h2>
      <Balances balances={balances} />
    </div>
  );
}
