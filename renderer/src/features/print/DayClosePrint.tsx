/** The day's close (日结) on paper: A4 for the owner's file, 80 mm from the counter's printer. */
import { App } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DayClose } from '../../../../shared/contract.ts';
import { errorText } from '../../components/errors.ts';
import { longDate } from '../../components/format.ts';
import type { PrintRoute } from '../../components/printRoute.ts';
import { useShopToday } from '../../components/useShopToday.ts';
import { useAppStore } from '../../store/store.ts';
import { CloseSectionTable } from '../dayClose/CloseSectionTable.tsx';
import { closeSections, WIDE_SECTIONS } from '../dayClose/closeSections.ts';
import '../dayClose/dayClose.css';
import { LayoutSwitch, PrintFrame, PrintHeader, printFileName } from './printShell.tsx';
import './print.css';

export function DayClosePrint({ route }: { route: PrintRoute }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const api = useAppStore((s) => s.api);
  const today = useShopToday();
  const date = route.date ?? today;
  const [close, setClose] = useState<DayClose | null>(null);

  useEffect(() => {
    api['dayClose.get']({ date })
      .then(setClose)
      .catch((error: unknown) => void message.error(errorText(t, error)));
  }, [api, date, message, t]);

  const title = t('dayClose.title', { date: longDate(t, date) });
  return (
    <PrintFrame route={route} footer={title} fileName={printFileName(t, 'close', '', date)} ready={close !== null} tools={<LayoutSwitch route={route} />}>
      {close && (
        <div className="close-print">
          <PrintHeader title={t('dayClose.tab')} date={longDate(t, date)} />
          <div className="close-print-body">
            {closeSections(t, close).map((section) => (
              <div key={section.key} className={WIDE_SECTIONS.has(section.key) ? 'close-wide' : undefined}>
                <CloseSectionTable section={section} />
              </div>
            ))}
          </div>
        </div>
      )}
    </PrintFrame>
  );
}
