/** The day's close (日结), a tab of the journal: the day's takings, credit, counts, products, voids and the drawer. */
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Input, InputNumber, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { csvFile } from '../../../../shared/domain/csv.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { download } from '../../components/download.ts';
import { errorText } from '../../components/errors.ts';
import { money, yuanToFen } from '../../components/format.ts';
import { openPrintView } from '../../components/printRoute.ts';
import { useShopToday } from '../../components/useShopToday.ts';
import { useAppStore } from '../../store/store.ts';
import { CloseSectionTable } from './CloseSectionTable.tsx';
import { closeCsvRows, closeSections, WIDE_SECTIONS } from './closeSections.ts';
import './dayClose.css';

/** The drawer's count: what the shopkeeper counted, noted as a fact (a recount adds another). */
function CashCount({ date }: { date: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const countCash = useAppStore((s) => s.countCash);
  const [yuan, setYuan] = useState<number | null>(null);
  const [note, setNote] = useState('');
  async function save() {
    if (yuan === null) return;
    try {
      const close = await countCash(date, yuanToFen(yuan), note);
      void message.success(t('dayClose.counted', { amount: money(close.drawer.differenceFen ?? 0) }));
      setYuan(null);
      setNote('');
    } catch (error) {
      void message.error(errorText(t, error));
    }
  }
  return (
    <Flex gap={8} wrap align="center">
      <InputNumber<number>
        aria-label={t('dayClose.countLabel')}
        placeholder={t('dayClose.countLabel')}
        min={0}
        precision={2}
        style={{ width: 160 }}
        value={yuan}
        onChange={setYuan}
      />
      <Input
        aria-label={t('dayClose.countNote')}
        placeholder={t('dayClose.countNote')}
        style={{ width: 200 }}
        maxLength={200}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <Button disabled={yuan === null} onClick={() => void save()}>
        {t('dayClose.saveCount')}
      </Button>
    </Flex>
  );
}

export function DayClosePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const today = useShopToday();
  const close = useAppStore((s) => s.dayClose);
  const loadDayClose = useAppStore((s) => s.loadDayClose);
  const [date, setDate] = useState(today);

  useEffect(() => {
    void loadDayClose(date).catch((error: unknown) => void message.error(errorText(t, error)));
  }, [date, loadDayClose, message, t]);

  const shown = close?.date === date ? close : null;
  const unrecorded = shown?.takings.byMethod.find((m) => m.method === 'unrecorded')?.amountFen ?? 0;
  const nothing = shown !== null && shown.takings.totalFen === 0 && shown.products.length === 0 && shown.voids.length === 0 && shown.credit.collectedFen === 0;
  const print = (layout: 'a4' | 'receipt') => openPrintView({ kind: 'close', date, layout, area: '', autoPrint: false });
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center">
        <DateInput label={t('dayClose.date')} width={200} value={date} max={today} onChange={(day) => day && setDate(day)} />
        <Button icon={<PrinterOutlined />} disabled={!shown} onClick={() => print('a4')}>
          {t('dayClose.printA4')}
        </Button>
        <Button icon={<PrinterOutlined />} disabled={!shown} onClick={() => print('receipt')}>
          {t('dayClose.printReceipt')}
        </Button>
        <Button
          icon={<DownloadOutlined />}
          disabled={!shown}
          onClick={() => shown && download(t('dayClose.csvName', { date }), csvFile(closeCsvRows(t, shown)))}
        >
          {t('dayClose.export')}
        </Button>
      </Flex>
      {nothing && <Empty description={t('dayClose.empty')} />}
      {shown && !nothing && (
        <div className="close-grid">
          {closeSections(t, shown).map((section) => (
            <div key={section.key} className={WIDE_SECTIONS.has(section.key) ? 'close-wide' : undefined}>
              <CloseSectionTable section={section} />
              {section.key === 'drawer' && (
                <Flex vertical gap={6} style={{ marginTop: 8 }}>
                  {unrecorded > 0 && <Typography.Text type="secondary">{t('dayClose.unrecordedHint', { amount: money(unrecorded) })}</Typography.Text>}
                  <CashCount date={date} />
                </Flex>
              )}
            </div>
          ))}
        </div>
      )}
    </Flex>
  );
}
