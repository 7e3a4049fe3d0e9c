import { App, Button, Card, Flex, Input, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/contract.ts';
import {
  BUILT_IN_TEMPLATES,
  DEFAULT_TEMPLATE_KEY,
  PAYMENT_TEMPLATE_KEY,
  unknownPlaceholders,
  type MessageTemplates,
} from '../../../../shared/domain/messageText.ts';
import { errorText } from '../../components/errors.ts';
import { messageLanguage } from '../../components/messageText.ts';
import { useAppStore } from '../../store/store.ts';

/** Only the templates written: an emptied one is the built-in text again, not an empty message. */
function written(templates: MessageTemplates): MessageTemplates {
  return Object.fromEntries(Object.entries(templates).flatMap(([key, text]) => (text.trim() ? [[key, text.trim()]] : [])));
}

/**
 * The wording of the messages Today and Collections copy (M, "Copy message"): one for every product,
 * one per product when it needs its own, and one for what is owed. Empty means the built-in text of the
 * screen's language, shown greyed in the box. Saved together; an unknown placeholder is named at its box.
 */
export function MessageTemplatesCard() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const saved = useAppStore((s) => s.info!.settings.messageTemplates);
  const products = useAppStore((s) => s.products);
  const updateSettings = useAppStore((s) => s.updateSettings);
  const [draft, setDraft] = useState<MessageTemplates>(saved);
  const [saving, setSaving] = useState(false);
  const builtIn = BUILT_IN_TEMPLATES[messageLanguage(i18n.language)];

  const rows = useMemo(
    () => [
      { key: DEFAULT_TEMPLATE_KEY, label: t('shop.messages.allProducts'), placeholder: builtIn.reminder },
      ...products
        .filter((p) => p.archivedAt === null)
        .map((p) => ({ key: String(p.id), label: p.name, placeholder: draft[DEFAULT_TEMPLATE_KEY]?.trim() || builtIn.reminder })),
      { key: PAYMENT_TEMPLATE_KEY, label: t('shop.messages.payment'), placeholder: builtIn.payment },
    ],
    [products, draft, builtIn, t],
  );
  const problems = Object.fromEntries(Object.entries(draft).map(([key, text]) => [key, unknownPlaceholders(text)]));
  const invalid = Object.values(problems).some((words) => words.length > 0);
  const changed = JSON.stringify(written(draft)) !== JSON.stringify(written(saved));

  async function save() {
    setSaving(true);
    try {
      await updateSettings({ messageTemplates: written(draft) });
      void message.success(t('shop.settings.saved'));
    } catch (error) {
      void message.error(errorText(t, error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title={t('shop.messages.title')}>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('shop.messages.help')}</Typography.Text>
        {rows.map((row) => (
          <Flex key={row.key} gap={12} align="start" className="message-template">
            <Typography.Text className="message-template-label">{row.label}</Typography.Text>
            <Flex vertical flex={1}>
              <Input.TextArea
                aria-label={t('shop.messages.templateOf', { what: row.label })}
                value={draft[row.key] ?? ''}
                placeholder={row.placeholder}
                maxLength={LIMITS.messageTemplate}
                autoSize={{ minRows: 1, maxRows: 4 }}
                status={problems[row.key]?.length ? 'error' : undefined}
                onChange={(e) => setDraft({ ...draft, [row.key]: e.target.value })}
              />
              {problems[row.key]?.length ? (
                <Typography.Text type="danger">
                  {t('validation.template_placeholder_unknown')} ({problems[row.key]!.join(' ')})
                </Typography.Text>
              ) : null}
            </Flex>
          </Flex>
        ))}
        <Flex justify="end">
          <Button type="primary" disabled={!changed || invalid} loading={saving} onClick={() => void save()}>
            {t('shop.messages.save')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}
