import { App, Card, Descriptions, Flex, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/contract.ts';
import { errorText } from '../../components/errors.ts';
import { useAppStore } from '../../store/store.ts';
import type { LanguageSetting } from '../../i18n/i18n.ts';
import { MembershipSettingsCard } from '../membership/MembershipSettingsCard.tsx';
import { MessageTemplatesCard } from './MessageTemplatesCard.tsx';
import { StatementSettings } from './StatementSettings.tsx';

/**
 * Drawn in the message, not translated before it: a language switch makes a new i18n instance, so a
 * `t` captured by the page before the switch would say "saved" in the old language.
 */
function SavedText() {
  const { t } = useTranslation();
  return t('shop.settings.saved');
}

export function SettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const info = useAppStore((s) => s.info)!;
  const updateSettings = useAppStore((s) => s.updateSettings);
  const [shopName, setShopName] = useState(info.settings.shopName);

  async function update(patch: Parameters<typeof updateSettings>[0]) {
    try {
      await updateSettings(patch);
      void message.success(<SavedText />);
    } catch (error) {
      void message.error(errorText(t, error));
    }
  }

  const keys: [string, string][] = [
    ['/  F3', t('shop.settings.shortcutList.search')],
    ['F2', t('shop.settings.shortcutList.newCustomer')],
    ['F4', t('shop.settings.shortcutList.recordSale')],
    ['F9  Ctrl+Enter', t('slips.shortcutSettle')],
    ['↑ ↓  Enter', t('shop.settings.shortcutList.move')],
    ['Esc', t('shop.settings.shortcutList.close')],
    ['C  O  S  K  M  Ctrl+Z  Ctrl+P', t('shop.settings.shortcutList.today')],
  ];
  return (
    <Flex vertical gap={16} className="page settings">
      <Typography.Title level={3}>{t('shop.settings.title')}</Typography.Title>
      <Card>
        <Descriptions column={1} size="middle" styles={{ label: { width: 200 } }}>
          <Descriptions.Item label={t('shop.settings.shopName')}>
            <Input
              aria-label={t('shop.settings.shopName')}
              value={shopName}
              maxLength={LIMITS.shopName}
              onChange={(e) => setShopName(e.target.value)}
              onBlur={() => shopName.trim() !== info.settings.shopName && void update({ shopName: shopName.trim() })}
              onPressEnter={() => shopName.trim() !== info.settings.shopName && void update({ shopName: shopName.trim() })}
              className="settings-input"
            />
          </Descriptions.Item>
          <Descriptions.Item label={t('shop.settings.language')}>
            <Select<LanguageSetting>
              aria-label={t('shop.settings.language')}
              className="settings-input"
              value={info.settings.language}
              onChange={(language) => void update({ language })}
              options={[
                { value: 'system', label: t('shop.settings.languageSystem') },
                { value: 'zh-CN', label: '简体中文' },
                { value: 'en', label: 'English' },
              ]}
            />
          </Descriptions.Item>
          <Descriptions.Item label={t('shop.settings.largeText')}>
            <Switch aria-label={t('shop.settings.largeText')} checked={info.settings.largeText} onChange={(largeText) => void update({ largeText })} />
          </Descriptions.Item>
          <Descriptions.Item label={t('shop.settings.dailyCalls')}>
            <Flex vertical gap={2}>
              <InputNumber<number>
                aria-label={t('shop.settings.dailyCalls')}
                min={1}
                max={500}
                precision={0}
                defaultValue={info.settings.dailyCalls}
                onBlur={(e) => {
                  const dailyCalls = Number(e.target.value);
                  if (Number.isInteger(dailyCalls) && dailyCalls >= 1 && dailyCalls <= 500 && dailyCalls !== info.settings.dailyCalls)
                    void update({ dailyCalls });
                }}
              />
              <Typography.Text type="secondary">{t('shop.settings.dailyCallsHelp')}</Typography.Text>
            </Flex>
          </Descriptions.Item>
          <Descriptions.Item label={t('shop.settings.dataFolder')}>
            <Typography.Text copyable>{info.dataDir}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('shop.settings.version')}>{info.version}</Descriptions.Item>
        </Descriptions>
      </Card>
      <MessageTemplatesCard />
      <StatementSettings settings={info.settings} update={(patch) => void update(patch)} />
      <MembershipSettingsCard />
      <Card title={t('shop.settings.shortcuts')}>
        <Descriptions column={1} size="small" styles={{ label: { width: 260, whiteSpace: 'nowrap' } }}>
          {keys.map(([key, what]) => (
            <Descriptions.Item key={key} label={<Typography.Text keyboard>{key}</Typography.Text>}>
              {what}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
    </Flex>
  );
}
