import { ExportOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Flex, Progress, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportFormats, exportTables } from '../../../../shared/contract.ts';
import { errorText } from '../../components/errors.ts';
import type { ExportFormat, ExportTable } from '../../store/dataSlice.ts';
import { useAppStore } from '../../store/store.ts';
import { examplePaths, remembered } from './format.ts';
import { PathInput } from './PathInput.tsx';
import { useFolderJob } from './useFolderJob.ts';

/** A titled row of checkboxes: what to export, and in which formats. */
function Choices<T extends string>(props: {
  title: string;
  value: T[];
  onChange: (value: T[]) => void;
  disabled: boolean;
  options: { value: T; label: string }[];
}) {
  const { title, ...group } = props;
  return (
    <Flex vertical gap={4}>
      <Typography.Text strong>{title}</Typography.Text>
      <Checkbox.Group<T> {...group} />
    </Flex>
  );
}

/** Customers, sales, payments and the call list as CSV (for any program) and .xlsx (for Excel / WPS). */
export function ExportSection() {
  const { t } = useTranslation();
  const exportTo = useAppStore((s) => s.exportTo);
  const dataDir = useAppStore((s) => s.info?.dataDir);
  const [folder, setFolder] = useState(() => remembered('exportFolder') || remembered('backupFolder'));
  const [tables, setTables] = useState<ExportTable[]>([...exportTables]);
  const [formats, setFormats] = useState<ExportFormat[]>(['xlsx']);
  const { progress, outcome, run: runJob, refuse } = useFolderJob<string[]>('exportFolder');

  async function run() {
    const target = folder.trim();
    if (!target) return refuse(t('data.export.needFolder'));
    if (tables.length === 0 || formats.length === 0) return refuse(t('data.export.needTables'));
    await runJob(target, (to, onProgress) => exportTo(to, tables, formats, onProgress));
  }

  const running = progress !== null;
  return (
    <Flex vertical gap={12} className="data-export">
      <Typography.Title level={5}>{t('data.export.title')}</Typography.Title>
      <Typography.Text type="secondary">{t('data.export.hint')}</Typography.Text>
      <Choices
        title={t('data.export.tables')}
        value={tables}
        onChange={setTables}
        disabled={running}
        options={exportTables.map((table) => ({ value: table, label: t(`data.export.tableNames.${table}`) }))}
      />
      <Choices
        title={t('data.export.formats')}
        value={formats}
        onChange={setFormats}
        disabled={running}
        options={[...exportFormats].reverse().map((format) => ({ value: format, label: t(`data.export.formatNames.${format}`) }))}
      />
      <PathInput
        label={t('data.export.folder')}
        value={folder}
        onChange={setFolder}
        placeholder={t('data.backup.folderPlaceholder')}
        example={examplePaths(dataDir).folder}
        pick="folder"
        disabled={running}
      />
      <Flex align="center" gap={16} className="data-actions">
        <Button size="large" icon={<ExportOutlined />} loading={running} onClick={() => void run()}>
          {t('data.export.start')}
        </Button>
        {running && <Progress className="data-progress" percent={Math.round(progress * 100)} status="active" />}
      </Flex>
      {outcome?.ok === true && (
        <Alert
          type="success"
          showIcon
          title={t('data.export.done', { count: outcome.value.length })}
          description={
            <ul className="data-files">
              {outcome.value.map((file) => (
                <li key={file} className="data-file">
                  {file}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {outcome?.ok === false && (
        <Alert
          type="error"
          showIcon
          title={outcome.message ?? t('data.export.failed')}
          description={outcome.error === null ? undefined : errorText(t, outcome.error)}
        />
      )}
    </Flex>
  );
}
