import { HistoryOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Progress, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalBackup } from '../../../../shared/contract.ts';
import { errorText } from '../../components/errors.ts';
import { useAppStore } from '../../store/store.ts';
import { bytesText, whenText } from './format.ts';
import type { RestoreFlow } from './RestoreFlow.tsx';

const kindColor: Record<LocalBackup['kind'], string> = { auto: 'default', 'before-restore': 'orange', 'before-migration': 'blue' };

/** The automatic backups on this PC, newest first: back up one more now, or restore one. */
export function LocalBackupsCard({ flow }: { flow: RestoreFlow }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const backups = useAppStore((s) => s.localBackups);
  const loadLocalBackups = useAppStore((s) => s.loadLocalBackups);
  const backupLocal = useAppStore((s) => s.backupLocal);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    loadLocalBackups().catch(setError);
  }, [loadLocalBackups]);

  async function backUp() {
    setError(null);
    setProgress(0);
    try {
      await backupLocal(setProgress);
      void message.success(t('data.local.done'));
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  }

  return (
    <Card
      title={t('data.local.title')}
      className="data-local"
      extra={
        <Button icon={<HistoryOutlined />} loading={progress !== null} onClick={() => void backUp()}>
          {t('data.local.now')}
        </Button>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('data.local.hint')}</Typography.Text>
        {progress !== null && <Progress percent={Math.round(progress * 100)} status="active" />}
        {error !== null && <Alert type="error" showIcon title={errorText(t, error)} />}
        <Table<LocalBackup>
          rowKey="file"
          size="small"
          dataSource={backups}
          pagination={backups.length > 8 ? { pageSize: 8, size: 'small' } : false}
          locale={{ emptyText: t('data.local.empty') }}
          columns={[
            { title: t('data.local.date'), dataIndex: 'createdAt', render: (iso: string) => whenText(iso) },
            {
              title: t('data.local.kind'),
              dataIndex: 'kind',
              render: (kind: LocalBackup['kind']) => <Tag color={kindColor[kind]}>{t(`data.local.kinds.${kind}`)}</Tag>,
            },
            { title: t('data.local.size'), dataIndex: 'sizeBytes', align: 'right', render: (n: number) => bytesText(t, n) },
            {
              key: 'restore',
              align: 'right',
              render: (_: unknown, b) => (
                <Button size="small" loading={flow.checking === b.file} disabled={flow.checking !== null} onClick={() => void flow.check(b.file)}>
                  {t('data.local.restore')}
                </Button>
              ),
            },
          ]}
        />
      </Flex>
    </Card>
  );
}
