import { Card, Col, Divider, Flex, Row, Typography } from 'antd';
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
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <BackupCard />
        </Col>
        <Col xs={24} xl={12}>
          <RestoreCard flow={restore} />
        </Col>
        <Col span={24}>
          <LocalBackupsCard flow={restore} />
        </Col>
        <Col span={24}>
          <Card title={t('data.excel')} className="data-excel">
            <ExportSection />
            <Divider />
            <ImportSection />
          </Card>
        </Col>
      </Row>
      {restore.dialog}
    </Flex>
  );
}
