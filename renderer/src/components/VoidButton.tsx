import { App, Button, Flex, Input, Popconfirm, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './errors.ts';
import { showUndoable } from './undoMessage.tsx';

interface Props {
  confirm: string;
  onVoid: (reason: string) => Promise<unknown>;
  /** The usual reasons, one click each (the text stays editable). */
  presets?: string[];
  /** When given, the "voided" message offers Undo, which calls this and then says `undone`. */
  undo?: { key: string; onUndo: () => Promise<unknown>; undone: string };
}

/**
 * "Void" for a line of the book (a sale, a payment): asks for a reason, keeps the line, marked.
 * Nothing in Huitou is deleted; voiding is how a mistake is taken back.
 */
export function VoidButton({ confirm, onVoid, presets = [], undo }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  async function undoVoid() {
    try {
      await undo!.onUndo();
      void message.success(undo!.undone);
    } catch (error) {
      void message.error(errorText(t, error));
    }
  }
  return (
    <Popconfirm
      title={confirm}
      description={
        <Flex vertical gap={6} className="void-reason">
          {presets.length > 0 && (
            <Flex wrap gap={4}>
              {presets.map((preset) => (
                <Tag.CheckableTag key={preset} checked={reason === preset} onChange={(on) => setReason(on ? preset : '')}>
                  {preset}
                </Tag.CheckableTag>
              ))}
            </Flex>
          )}
          <Input
            size="small"
            maxLength={200}
            placeholder={t('sales.reasonPlaceholder')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-label={t('sales.reason')}
          />
        </Flex>
      }
      okText={t('sales.void')}
      cancelText={t('common.cancel')}
      onConfirm={async () => {
        try {
          await onVoid(reason.trim());
          setReason('');
          if (undo) showUndoable(message, { key: undo.key, text: t('sales.voided'), undoLabel: t('common.undo'), onUndo: () => void undoVoid() });
          else void message.success(t('sales.voided'));
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
