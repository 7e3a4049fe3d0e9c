import { UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Flex, Modal, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RestorePreview } from '../../../../shared/contract.ts';
import { errorText } from '../../components/errors.ts';
import { longDate } from '../../components/format.ts';
import { useAppStore } from '../../store/store.ts';
import { bytesText, whenText } from './format.ts';

export interface RestoreFlow {
  /** Checks the file, then asks (with what is in it) before anything changes. */
  check(file: string): Promise<void>;
  checking: string | null;
  /** The preview dialog, when open. */
  dialog: ReactNode;
  /** The last restore's outcome, with Undo. */
  banner: ReactNode;
}

type Failure = { error: unknown } | null;

/** check -> preview dialog -> explicit confirm -> restore -> "restored" with Undo; the app reloads its data. */
export function useRestoreFlow(): RestoreFlow {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const inspectBackup = useAppStore((s) => s.inspectBackup);
  const applyRestore = useAppStore((s) => s.applyRestore);
  const undoRestore = useAppStore((s) => s.undoRestore);
  const lastRestore = useAppStore((s) => s.lastRestore);
  const restoreUndone = useAppStore((s) => s.restoreUndone);
  const [checking, setChecking] = useState<string | null>(null);
  const [preview, setPreview] = useState<RestorePreview | null>(null);
  const [applying, setApplying] = useState(false);
  const [failure, setFailure] = useState<Failure>(null);

  async function check(file: string) {
    setFailure(null);
    setChecking(file);
    try {
      setPreview(await inspectBackup(file));
    } catch (error) {
      setFailure({ error });
    } finally {
      setChecking(null);
    }
  }

  async function apply() {
    if (!preview) return;
    setApplying(true);
    try {
      const result = await applyRestore(preview.file);
      setFailure(null);
      void message.success(t('data.restore.done', { shop: result.preview.shopName, customers: result.preview.customers, sales: result.preview.sales }));
    } catch (error) {
      setFailure({ error });
    } finally {
      setApplying(false);
      setPreview(null);
    }
  }

  async function undo() {
    setApplying(true);
    try {
      await undoRestore();
      setFailure(null);
      void message.success(t('data.restore.undone'));
    } catch (error) {
      setFailure({ error });
    } finally {
      setApplying(false);
    }
  }

  const dialog = preview && (
    <Modal
      open
      title={t('data.restore.previewTitle')}
      okText={t('data.restore.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, loading: applying }}
      cancelButtonProps={{ disabled: applying }}
      onOk={() => void apply()}
      onCancel={() => !applying && setPreview(null)}
      mask={{ closable: false }}
      width={560}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Descriptions column={1} size="small" bordered styles={{ label: { width: 140 } }}>
          <Descriptions.Item label={t('data.restore.shopName')}>
            <Typography.Text strong>{preview.shopName}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('data.restore.customers')}>{t('data.restore.countCustomers', { count: preview.customers })}</Descriptions.Item>
          <Descriptions.Item label={t('data.restore.sales')}>{t('data.restore.countSales', { count: preview.sales })}</Descriptions.Item>
          <Descriptions.Item label={t('data.restore.newestSale')}>
            {preview.newestSaleDate ? longDate(t, preview.newestSaleDate) : t('data.restore.noSales')}
          </Descriptions.Item>
          <Descriptions.Item label={t('data.restore.savedAt')}>
            {whenText(preview.modifiedAt)} · {bytesText(t, preview.sizeBytes)}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Text type="secondary" className="data-file">
          {preview.file}
        </Typography.Text>
        {preview.needsMigration && <Alert type="info" showIcon title={t('data.restore.older')} />}
        <Alert type="warning" showIcon title={t('data.restore.warning')} />
      </Flex>
    </Modal>
  );

  let banner: ReactNode = null;
  if (failure) {
    banner = <Alert type="error" showIcon title={t('data.restore.failed')} description={errorText(t, failure.error)} />;
  } else if (lastRestore) {
    const r = lastRestore;
    banner = (
      <Alert
        type="success"
        showIcon
        title={t('data.restore.done', { shop: r.preview.shopName, customers: r.preview.customers, sales: r.preview.sales })}
        description={<span className="data-file">{t('data.restore.safety', { file: r.safetyBackup })}</span>}
        action={
          <Button icon={<UndoOutlined />} loading={applying} onClick={() => void undo()}>
            {t('data.restore.undo')}
          </Button>
        }
      />
    );
  } else if (restoreUndone) {
    banner = <Alert type="info" showIcon title={t('data.restore.undone')} />;
  }
  return { check, checking, dialog, banner };
}
