import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useShopToday } from '../../components/useShopToday.ts';
import { useWhenShown } from '../../components/useWhenShown.ts';
import { useAppStore } from '../../store/store.ts';
import { daysText, dueText } from './dueText.ts';
import './gas.css';

/** Notices shown at once; the rest are one click away in the register (filtered to due soon). */
const SHOWN = 5;

/**
 * On Today: the held cylinders whose inspection or scrap date is within 30 days (or passed), so the shop
 * tells their users as the gas regulation asks. Nothing at all when there is none.
 */
export function GasNotices() {
  const { t } = useTranslation();
  const notices = useAppStore((s) => s.gasNotices);
  const setView = useAppStore((s) => s.setView);
  const setGasFilter = useAppStore((s) => s.setGasFilter);
  const today = useShopToday();
  useWhenShown(
    'callList',
    useAppStore((s) => s.refreshGasNotices),
  );

  if (notices.length === 0) return null;
  const openRegister = () => {
    setView('gas');
    void setGasFilter({ query: '', dueSoon: true });
  };
  return (
    <Alert
      type="warning"
      showIcon
      className="gas-notices"
      title={t('gas.notices.title', { count: notices.length })}
      description={
        <ul className="gas-notice-lines">
          {notices.slice(0, SHOWN).map((n) => (
            <li key={`${n.cylinderId}-${n.kind}`}>
              {t('gas.notices.line', {
                name: n.holder.name,
                phone: n.holder.phone,
                serial: n.serial,
                size: n.sizeKg,
                due: dueText(t, n, today),
                days: daysText(t, n.days),
              })}
            </li>
          ))}
          {notices.length > SHOWN && <li>{t('gas.notices.more', { count: notices.length - SHOWN })}</li>}
        </ul>
      }
      action={
        <Button size="small" onClick={openRegister}>
          {t('gas.notices.open')}
        </Button>
      }
    />
  );
}
