import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Under a list that shows only its first rows: how many there are, and how to see the others. */
export function MoreRowsHint({ shown, total }: { shown: number; total: number }) {
  const { t } = useTranslation();
  if (shown >= total) return null;
  return (
    <Typography.Paragraph type="secondary" className="more-rows">
      {t('common.showingFirst', { shown, count: total })}
    </Typography.Paragraph>
  );
}
