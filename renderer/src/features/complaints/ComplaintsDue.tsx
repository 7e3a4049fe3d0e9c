import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useWhenShown } from '../../components/useWhenShown.ts';
import { useAppStore } from '../../store/store.ts';

/** On Today: complaints nobody has handled for more than a day, one line with a way to them. Nothing when there is none. */
export function ComplaintsDue() {
  const { t } = useTranslation();
  const overdue = useAppStore((s) => s.complaintsOverdue);
  const setView = useAppStore((s) => s.setView);
  const loadComplaints = useAppStore((s) => s.loadComplaints);
  useWhenShown(
    'callList',
    useAppStore((s) => s.refreshComplaintsOverdue),
  );

  if (overdue === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      className="complaints-due"
      title={t('complaints.dueOnToday', { count: overdue })}
      action={
        <Button
          size="small"
          onClick={() => {
            setView('complaints');
            void loadComplaints('open');
          }}
        >
          {t('complaints.show')}
        </Button>
      }
    />
  );
}
