/**
 * The owed-containers list (欠桶名单): households holding more containers than their deposits cover, most
 * owed first. Opened from the Collections page's header, beside what is owed in money; a name opens the record.
 */
import { Button, Empty, Modal, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OwingRow } from '../../../../shared/contract.ts';
import { formatPhone } from '../../../../shared/domain/phone.ts';
import { errorText } from '../../components/errors.ts';
import { useAppStore } from '../../store/store.ts';

export function OwingContainersButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('containers.owing.open')}</Button>
      {open && <OwingContainersDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function OwingContainersDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const owing = useAppStore((s) => s.owingContainers);
  const load = useAppStore((s) => s.loadOwingContainers);
  const openRecord = useAppStore((s) => s.openRecord);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    load().catch(setError);
  }, [load]);

  return (
    <Modal open title={t('containers.owing.title')} onCancel={onClose} footer={null} width={720}>
      {error !== null && <Typography.Text type="danger">{errorText(t, error)}</Typography.Text>}
      {owing && (
        <>
          <Typography.Paragraph>{t('containers.owing.summary', { count: owing.total, owes: owing.owes })}</Typography.Paragraph>
          {owing.rows.length === 0 ? (
            <Empty description={t('containers.owing.none')} />
          ) : (
            <Table<OwingRow>
              size="small"
              rowKey={(r) => `${r.customerId}-${r.container}`}
              dataSource={owing.rows}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              columns={[
                {
                  title: t('containers.owing.name'),
                  key: 'name',
                  render: (_, r) => (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => {
                        onClose();
                        openRecord(r.customerId, 'collections');
                      }}
                    >
                      {r.name}
                    </Button>
                  ),
                },
                { title: t('containers.owing.phone'), key: 'phone', render: (_, r) => (r.phone ? formatPhone(r.phone) : '') },
                { title: t('containers.owing.area'), dataIndex: 'area' },
                { title: t('containers.container'), key: 'container', render: (_, r) => t(`containers.types.${r.container}`) },
                { title: t('containers.held'), dataIndex: 'held', align: 'right' },
                { title: t('containers.owes'), dataIndex: 'owes', align: 'right' },
                { title: t('containers.owing.lastDate'), dataIndex: 'lastDate' },
              ]}
            />
          )}
        </>
      )}
    </Modal>
  );
}
