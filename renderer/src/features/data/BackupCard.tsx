import { ReloadOutlined, SaveOutlined, UsbOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Progress, Radio, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupStatus } from '../../../../shared/contract.ts';
import { errorText } from '../../components/errors.ts';
import { useAppStore } from '../../store/store.ts';
import { bytesText, examplePaths, remembered } from './format.ts';
import { PathInput } from './PathInput.tsx';
import { useFolderJob } from './useFolderJob.ts';

/** Back up to a USB stick (the drives found) or any folder, with a progress bar and a verified result. */
export function BackupCard() {
  const { t } = useTranslation();
  const targets = useAppStore((s) => s.backupTargets);
  const loadBackupTargets = useAppStore((s) => s.loadBackupTargets);
  const backupTo = useAppStore((s) => s.backupTo);
  const dataDir = useAppStore((s) => s.info?.dataDir);
  const [folder, setFolder] = useState(() => remembered('backupFolder'));
  const { progress, outcome, run, refuse } = useFolderJob<BackupStatus>('backupFolder');
  const [scanning, setScanning] = useState(false);

  const rescan = useCallback(async () => {
    setScanning(true);
    try {
      const found = await loadBackupTargets();
      // One stick plugged in and no folder chosen yet: that stick is what the shopkeeper means.
      const only = found.length === 1 ? found[0]! : null;
      if (only) setFolder((current) => (current.trim() ? current : only.path));
    } catch {
      // no drives list: typing a folder still works
    } finally {
      setScanning(false);
    }
  }, [loadBackupTargets]);
  useEffect(() => {
    void rescan();
  }, [rescan]);

  async function backUp() {
    const target = folder.trim();
    if (!target) return refuse();
    await run(target, backupTo);
  }

  const running = progress !== null;
  return (
    <Card title={t('data.backup.title')} className="data-backup">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('data.backup.hint')}</Typography.Text>
        <Flex vertical gap={4}>
          <Flex align="center" gap={8}>
            <Typography.Text strong>{t('data.backup.drives')}</Typography.Text>
            <Button size="small" icon={<ReloadOutlined />} loading={scanning} onClick={() => void rescan()}>
              {t('data.backup.rescan')}
            </Button>
          </Flex>
          {targets.length === 0 ? (
            <Typography.Text type="secondary">{t('data.backup.noDrives')}</Typography.Text>
          ) : (
            <Radio.Group
              value={targets.some((d) => d.path === folder) ? folder : null}
              onChange={(e) => setFolder(e.target.value as string)}
              disabled={running}
            >
              <Flex vertical>
                {targets.map((d) => (
                  <Radio key={d.path} value={d.path} className="data-drive">
                    <UsbOutlined /> <Typography.Text strong>{d.label}</Typography.Text>{' '}
                    <Typography.Text type="secondary">
                      {d.path} · {d.freeBytes === null ? t('data.backup.freeUnknown') : t('data.backup.free', { free: bytesText(t, d.freeBytes) })}
                    </Typography.Text>
                  </Radio>
                ))}
              </Flex>
            </Radio.Group>
          )}
        </Flex>
        <PathInput
          label={t('data.backup.folder')}
          value={folder}
          onChange={setFolder}
          placeholder={t('data.backup.folderPlaceholder')}
          example={examplePaths(dataDir).folder}
          pick="folder"
          onEnter={() => !running && void backUp()}
          disabled={running}
        />
        <Flex align="center" gap={16} className="data-actions">
          <Button type="primary" size="large" icon={<SaveOutlined />} loading={running} onClick={() => void backUp()}>
            {t('data.backup.now')}
          </Button>
          {running && (
            <Flex vertical flex={1}>
              <Progress percent={Math.round(progress * 100)} status="active" aria-label={t('data.backup.running')} />
              <Typography.Text type="secondary">{t('data.backup.running')}</Typography.Text>
            </Flex>
          )}
        </Flex>
        {outcome?.ok === true && (
          <Alert
            type="success"
            showIcon
            title={t('data.backup.done')}
            description={
              <span className="data-file">{t('data.backup.savedAs', { file: outcome.value.file, size: bytesText(t, outcome.value.sizeBytes) })}</span>
            }
          />
        )}
        {outcome?.ok === false && (
          <Alert
            type="error"
            showIcon
            title={outcome.error === null ? t('data.backup.needFolder') : t('data.backup.failed')}
            description={outcome.error === null ? undefined : errorText(t, outcome.error)}
          />
        )}
      </Flex>
    </Card>
  );
}
