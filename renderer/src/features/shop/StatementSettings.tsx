import { Card, Descriptions, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type Settings } from '../../../../shared/contract.ts';

type StatementField = 'shopPhone' | 'shopAddress' | 'paymentLine';

const LIMIT: Record<StatementField, number> = { shopPhone: LIMITS.phone, shopAddress: LIMITS.address, paymentLine: LIMITS.paymentLine };

/** One line of text saved when the field is left or Enter is pressed, if it changed. */
function SettingText({ field, settings, update }: { field: StatementField; settings: Settings; update: (patch: Partial<Settings>) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(settings[field]);
  const save = () => value.trim() !== settings[field] && update({ [field]: value.trim() });
  return (
    <Input
      aria-label={t(`shop.settings.onStatements.${field}`)}
      value={value}
      maxLength={LIMIT[field]}
      placeholder={field === 'paymentLine' ? t('shop.settings.onStatements.paymentLinePlaceholder') : undefined}
      onChange={(e) => setValue(e.target.value)}
      onBlur={save}
      onPressEnter={save}
      className="settings-input settings-input-wide"
    />
  );
}

/** What a customer's statement says about the shop: its phone, its address, how to pay. */
export function StatementSettings({ settings, update }: { settings: Settings; update: (patch: Partial<Settings>) => void }) {
  const { t } = useTranslation();
  return (
    <Card title={t('shop.settings.onStatements.title')}>
      <Descriptions column={1} size="middle" styles={{ label: { width: 200 } }}>
        {(['shopPhone', 'shopAddress', 'paymentLine'] as const).map((field) => (
          <Descriptions.Item key={field} label={t(`shop.settings.onStatements.${field}`)}>
            <SettingText field={field} settings={settings} update={update} />
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}
