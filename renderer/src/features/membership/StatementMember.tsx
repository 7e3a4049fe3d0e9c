import { useTranslation } from 'react-i18next';
import type { MemberStatus } from '../../../../shared/contract.ts';

/** On a household's statement: the level it is served at and its points; nothing for a household with neither. */
export function StatementMember({ status }: { status: MemberStatus }) {
  const { t } = useTranslation();
  if (status.level === null && status.points.earned === 0) return null;
  const level = status.level ? t(`membership.levels.${status.level}`) : t('membership.notMember');
  return (
    <p className="statement-member">
      {t('membership.statementLine', { level, ...status.points })}
      {status.paidUntil && ` · ${t('membership.paidUntil', { date: status.paidUntil })}`}
    </p>
  );
}
