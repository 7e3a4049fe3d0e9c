import { Alert, Button } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store.ts';

/**
 * On Today: complaints nobody has handled for more than a day, one line with a way to them. Nothing when
 * there is none. Today stays mounted across switches, so the count is asked again each time it is shown.
 */
export function ComplaintsDue() {
  const { t } = useTranslation();
  const api = useAppStore((s) => s.api);
  const shown = useAppStore((s) => s.view === 'callList');
  const setView = useAppStore((s) => s.setView);
  const loadComplaints = useAppStore((s) => s.loadComplaints);
  const [overdue, setOverdue] = useState(0);
  useEffect(() => {
    if (!shown) return;
    // A backend without complaints (older) simply shows nothing.
    api['complaints.list']({ status: 'open' }).then(
      (list) => setOverdue(list.overdueTotal),
      () => setOverdue(0),
    );
  }, [api, shown]);

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
