import { ExperimentOutlined, FileAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/errors.ts';
import { useAppStore } from '../../store/store.ts';

/** First start with no data: a demo shop to look at, or an empty book. */
export function Welcome() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const startShop = useAppStore((s) => s.startShop);
  const [shopName, setShopName] = useState('');
  const [busy, setBusy] = useState<'demo' | 'empty' | null>(null);
  const language = i18n.language === 'en' ? 'en' : 'zh-CN';

  async function start(kind: 'demo' | 'empty') {
    setBusy(kind);
    try {
      const counts = await startShop(kind, shopName.trim(), language);
      if (counts) void message.success(t('shop.welcome.demoCreated', counts));
    } catch (error) {
      void message.error(errorText(t, error));
      setBusy(null);
    }
  }

  return (
    <Flex className="welcome" vertical align="center" justify="center" gap={24}>
      <Typography.Title level={2}>{t('shop.welcome.title')}</Typography.Title>
      <Typography.Paragraph type="secondary" className="welcome-subtitle">
        {t('shop.welcome.subtitle')}
      </Typography.Paragraph>
      <Input
        className="welcome-shop-name"
        size="large"
        aria-label={t('shop.welcome.shopName')}
        placeholder={t('shop.welcome.shopNamePlaceholder')}
        prefix={<Typography.Text type="secondary">{t('shop.welcome.shopName')}</Typography.Text>}
        value={shopName}
        maxLength={60}
        onChange={(e) => setShopName(e.target.value)}
      />
      <Flex gap={24} wrap justify="center">
        <Card className="welcome-card">
          <Flex vertical gap={12}>
            <Typography.Text type="secondary">{t('shop.welcome.demoHint')}</Typography.Text>
            <Button
              type="primary"
              size="large"
              icon={<ExperimentOutlined />}
              loading={busy === 'demo'}
              disabled={busy !== null}
              onClick={() => void start('demo')}
            >
              {t('shop.welcome.demo')}
            </Button>
          </Flex>
        </Card>
        <Card className="welcome-card">
          <Flex vertical gap={12}>
            <Typography.Text type="secondary">{t('shop.welcome.emptyHint')}</Typography.Text>
            <Button size="large" icon={<FileAddOutlined />} loading={busy === 'empty'} disabled={busy !== null} onClick={() => void start('empty')}>
              {t('shop.welcome.empty')}
            </Button>
          </Flex>
        </Card>
      </Flex>
    </Flex>
  );
}
