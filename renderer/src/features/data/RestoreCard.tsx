import { SafetyOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store.ts';
import { examplePaths } from './format.ts';
import { PathInput } from './PathInput.tsx';
import type { RestoreFlow } from './RestoreFlow.tsx';

/** Restore from a backup file (typed, pasted or picked); the flow shows what is in it first. */
export function RestoreCard({ flow }: { flow: RestoreFlow }) {
  const { t } = useTranslation();
  const dataDir = useAppStore((s) => s.info?.dataDir);
  const [file, setFile] = useState('');
  const checking = flow.checking !== null;
  const check = () => file.trim() && !checking && void flow.check(file.trim());
  return (
    <Card title={t('data.restore.title')} className="data-restore">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('data.restore.hint')}</Typography.Text>
        <PathInput
          label={t('data.restore.file')}
          value={file}
          onChange={setFile}
          placeholder={t('data.restore.filePlaceholder')}
          example={examplePaths(dataDir).backupFile}
          pick="file"
          filters={[{ name: t('data.restore.file'), extensions: ['sqlite', 'db'] }]}
          onEnter={check}
        />
        <Flex className="data-actions">
          <Button size="large" icon={<SafetyOutlined />} disabled={!file.trim()} loading={checking} onClick={check}>
            {checking ? t('data.restore.checking') : t('data.restore.check')}
          </Button>
        </Flex>
        {flow.banner}
      </Flex>
    </Card>
  );
}
