/** A counter slip's receipt: 80 mm for the thermal printer or A4, with the shop, its phone, the lines, the payment and what is still owed. */
import { App } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Slip } from '../../../../shared/contract.ts';
import { errorText } from '../../components/errors.ts';
import { longDate, money, quantityText } from '../../components/format.ts';
import type { PrintRoute } from '../../components/printRoute.ts';
import { useAppStore } from '../../store/store.ts';
import { PrepaidPrintLine } from '../prepaid/PrepaidPrint.tsx';
import { LayoutSwitch, PrintFrame, PrintHeader, printFileName } from './printShell.tsx';
import { SlipContainersBlock, useSlipContainersPrint } from './ContainersPrint.tsx';
import './print.css';

export function SlipPrint({ route }: { route: PrintRoute }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const api = useAppStore((s) => s.api);
  const shopPhone = useAppStore((s) => s.info?.settings.shopPhone ?? '');
  const [slip, setSlip] = useState<Slip | null>(null);
  const containers = useSlipContainersPrint(route.slipId);

  useEffect(() => {
    if (!route.slipId) return;
    api['slips.get']({ id: route.slipId })
      .then(setSlip)
      .catch((error: unknown) => void message.error(errorText(t, error)));
  }, [api, route.slipId, message, t]);

  const no = slip ? t('slips.no', { id: slip.id }) : '';
  const paid = slip ? slip.payments.map((p) => `${t(`slips.methods.${p.method}`)} ${money(p.amountFen)}`).join(t('common.listSeparator')) : '';
  return (
    <PrintFrame
      route={route}
      footer={`${t('slips.receipt.title')} ${no}`}
      fileName={slip ? printFileName(t, 'slip', [slip.customerName, String(slip.id)].filter(Boolean).join('-'), slip.date) : ''}
      ready={slip !== null && containers !== undefined}
      tools={<LayoutSwitch route={route} />}
    >
      {slip && (
        <div className="slip-receipt">
          <PrintHeader title={`${t('slips.receipt.title')} ${no}`} date={longDate(t, slip.date)} />
          {shopPhone && <p className="slip-receipt-phone">{t('slips.receipt.phone', { phone: shopPhone })}</p>}
          <p>{t('slips.receipt.customer', { name: slip.customerName ?? t('slips.walkIn') })}</p>
          {slip.voidedAt && <p className="receipt-owed">{t('slips.receipt.voided')}</p>}
          <table className="print-table slip-receipt-lines">
            <thead>
              <tr>
                <th>{t('slips.product')}</th>
                <th>{t('slips.quantity')}</th>
                <th className="c-owed">{t('slips.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {slip.lines
                .filter((l) => !l.voidedAt)
                .map((l) => (
                  <tr key={l.saleId} className="print-row">
                    <td>{l.productName}</td>
                    <td>
                      {quantityText(t, l.quantity, l.unit)} × {money(l.unitPriceFen)}
                      {l.tickets > 0 && ` ${t('prepaid.slip.tickets', { count: l.tickets })}`}
                    </td>
                    <td className="c-owed">{money(l.amountFen)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
          <p className="receipt-owed">
            {t('slips.total')} {money(slip.totalFen)}
          </p>
          <p>{t('slips.receipt.paidBy', { text: paid })}</p>
          {slip.owedFen !== null && slip.owedFen > 0 && <p className="receipt-owed">{t('slips.receipt.owes', { amount: money(slip.owedFen) })}</p>}
          <PrepaidPrintLine balances={slip.prepaid} />
          <SlipContainersBlock data={containers} />
          <p className="print-footnote">{t('slips.receipt.thanks')}</p>
        </div>
      )}
    </PrintFrame>
  );
}
