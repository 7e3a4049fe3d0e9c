import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { money } from '../../components/format.ts';
import { useWhenShown } from '../../components/useWhenShown.ts';
import { useAppStore } from '../../store/store.ts';
import './prepaid.css';

/** Calls shown at once; the rest are on the prepaid page. */
const SHOWN = 5;

/**
 * On Today: households whose tickets or stored value are down to their bundle's threshold, to call for a
 * renewal (续卡 / 续订). Nothing at all when there is none.
 */
export function RenewalNotices() {
  const { t } = useTranslation();
  const items = useAppStore((s) => s.prepaidLow);
  const total = useAppStore((s) => s.prepaidLowTotal);
  const setView = useAppStore((s) => s.setView);
  useWhenShown(
    'callList',
    useAppStore((s) => s.refreshLowBalances),
  );

  if (items.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      className="prepaid-notices"
      title={t('prepaid.renewal.title', { count: total })}
      description={
        <ul className="prepaid-notice-lines">
          {items.slice(0, SHOWN).map((n) => (
            <li key={`${n.customerId}-${n.productId ?? 'stored'}`}>
              {t('prepaid.renewal.line', {
                name: n.name,
                phone: n.phone,
                left:
                  n.productId === null
                    ? t('prepaid.storedLeft', { amount: money(n.left) })
                    : t('prepaid.ticketsLeft', { product: n.productName, count: n.left }),
              })}
            </li>
          ))}
          {total > SHOWN && <li>{t('prepaid.renewal.more', { count: total - SHOWN })}</li>}
        </ul>
      }
      action={
        <Button size="small" onClick={() => setView('prepaid')}>
          {t('prepaid.renewal.open')}
        </Button>
      }
    />
  );
}
