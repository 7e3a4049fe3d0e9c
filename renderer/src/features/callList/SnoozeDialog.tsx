import { DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ReminderRow } from '../../../../shared/contract.ts';
import { LIMITS } from '../../../../shared/contract.ts';
import { addDays } from '../../../../shared/domain/dates.ts';
import { NOT_NEEDED_DEFAULT_DAYS } from './CalledDialog.tsx';
import { useRowActionDialog } from './useCallListActions.tsx';
import { FormDialog } from '../../components/FormDialog.tsx';
import { isBeyondReach, requiredRule } from '../../components/formRules.ts';

interface SnoozeForm {
  until: Dayjs;
  note?: string;
}

/** S on a row: off the list until a date (3 days from today unless changed). Enter snoozes. */
export function SnoozeDialog({ row }: { row: ReminderRow }) {
  const { t } = useTranslation();
  const { today, dialog } = useRowActionDialog<SnoozeForm>(row, (values) => ({
    customerId: row.customerId,
    productId: row.productId,
    action: 'snooze',
    date: values.until.format('YYYY-MM-DD'),
    note: values.note?.trim() ?? '',
  }));

  return (
    <FormDialog<SnoozeForm>
      {...dialog}
      title={t('callList.snoozeDialog.title', { name: row.name })}
      okText={t('callList.snoozeDialog.save')}
      initialValues={{ until: dayjs(addDays(today, NOT_NEEDED_DEFAULT_DAYS)) }}
      width={440}
    >
      <Form.Item name="until" label={t('callList.snoozeDialog.until')} rules={[requiredRule(t)]}>
        <DatePicker autoFocus allowClear={false} className="full-width" disabledDate={(d) => !d.isAfter(dayjs(today), 'day') || isBeyondReach(d, today)} />
      </Form.Item>
      <Form.Item name="note" label={t('callList.callDialog.note')}>
        <Input maxLength={LIMITS.notes} />
      </Form.Item>
    </FormDialog>
  );
}
