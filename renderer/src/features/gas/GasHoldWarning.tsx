import { Alert, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../../shared/contract.ts';
import { LIMITS } from '../../../../shared/contract.ts';
import { shortDate } from '../../components/format.ts';
import { useShopToday } from '../../components/useShopToday.ts';
import { useAppStore } from '../../store/store.ts';
import './gas.css';

/**
 * In the sale dialog, for a gas product (unit 'cylinder'): the household's supply hold (it refused its
 * home safety check, or failed it), which the shopkeeper may override by giving a reason, the sale dialog's
 * `holdReason` (logged once the sale is saved); and a reminder when it has no phone for the real-name
 * record, which never blocks.
 */
export function GasHoldWarning({ customerId, productId }: { customerId: number; productId: number | undefined }) {
  const { t } = useTranslation();
  const api = useAppStore((s) => s.api);
  const isGas = useAppStore((s) => s.products.find((p) => p.id === productId)?.unit === 'cylinder');
  const today = useShopToday();
  const [state, setState] = useState<CallOutput<'gas.holdFor'> | null>(null);

  useEffect(() => {
    // Asked only for a gas sale: every other sale (and a shop that sells no gas) has nothing to hear.
    if (!isGas) return;
    let current = true;
    api['gas.holdFor']({ customerId })
      .then((answer) => current && setState(answer))
      .catch(() => current && setState(null));
    return () => {
      current = false;
    };
  }, [api, customerId, isGas]);

  if (!isGas || !state) return null;
  return (
    <>
      {state.hold && (
        <>
          <Alert
            type="error"
            showIcon
            className="gas-warning"
            title={t(`gas.hold.${state.hold.reason}`, { date: shortDate(t, state.hold.checkDate, today) })}
          />
          <Form.Item
            name="holdReason"
            label={t('gas.hold.reason')}
            preserve={false}
            rules={[{ required: true, whitespace: true, message: t('gas.hold.reasonRequired') }]}
          >
            <Input maxLength={LIMITS.reason} placeholder={t('gas.hold.reasonPlaceholder')} />
          </Form.Item>
        </>
      )}
      {state.missingPhone && <Alert type="info" showIcon className="gas-warning" title={t('gas.realName')} />}
    </>
  );
}
