import { Card, Divider, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { BackupCard } from './BackupCard.tsx';
import { ExportSection } from './ExportCard.tsx';
import { ImportSection } from './ImportSection.tsx';
import { LocalBackupsCard } from './LocalBackupsCard.tsx';
import { RestoreCard } from './RestoreCard.tsx';
import { useRestoreFlow } from './RestoreFlow.tsx';
import './data.css';

/** Backups, restore, and Excel / CSV: everything that keeps the shop's book safe and movable. */
export function DataPage() {
  const { t } = useTranslation();
  const restore = useRestoreFlow();
  return (
    <Flex vertical gap={16} className="page data-page">
      <Flex vertical gap={4}>
        <Typography.Title level={3}>{t('data.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('data.intro')}</Typography.Text>
      </Flex>
      <div className="data-grid">
        <BackupCard />
        <RestoreCard flow={restore} />
        <div className="data-grid-wide">
          <LocalBackupsCard flow={restore} />
        </div>
        <Card title={t('data.excel')} className="data-excel data-grid-wide">
          <ExportSection />
          <Divider />
          <ImportSection />
        </Card>
      </div>
      {restore.dialog}
    </Flex>
  );
}
