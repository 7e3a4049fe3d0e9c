import { App, Button, Input, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './errors.ts';

/**
 * "Void" for a line of the book (a sale, a payment): asks for a reason, keeps the line, marked.
 * Nothing in Huitou is deleted; voiding is how a mistake is taken back.
 */
export function VoidButton({ confirm, onVoid }: { confirm: string; onVoid: (reason: string) => Promise<unknown> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  return (
    <Popconfirm
      title={confirm}
      description={
        <Input
          size="small"
          maxLength={200}
          placeholder={t('sales.reasonPlaceholder')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-label={t('sales.reason')}
        />
      }
      okText={t('sales.void')}
      cancelText={t('common.cancel')}
      onConfirm={async () => {
        try {
          await onVoid(reason.trim());
          void message.success(t('sales.voided'));
        } catch (error) {
          void message.error(errorText(t, error));
        }
      }}
    >
      <Button size="small" type="link" danger>
        {t('sales.void')}
      </Button>
    </Popconfirm>
  );
}
