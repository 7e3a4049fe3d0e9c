import { Typography } from 'antd';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';

/** Under a list that shows only its first rows: how many there are, and how to see the others. */
/** `message`: the sentence to say it with (the default mentions the printed sheet, which lists them all). */
export function MoreRowsHint({ shown, total, message = 'common.showingFirst' }: { shown: number; total: number; message?: ParseKeys }) {
  const { t } = useTranslation();
  if (shown >= total) return null;
  return (
    <Typography.Paragraph type="secondary" className="more-rows">
      {t(message, { shown, count: total })}
    </Typography.Paragraph>
  );
}
