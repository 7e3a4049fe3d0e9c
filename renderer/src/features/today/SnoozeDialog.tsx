import { DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ReminderRow } from '../../../../shared/contract.ts';
import { LIMITS } from '../../../../shared/contract.ts';
import { addDays } from '../../../../shared/domain/dates.ts';
import { useAppStore } from '../../store/store.ts';
import { NOT_NEEDED_DEFAULT_DAYS } from './CalledDialog.tsx';
import { useReminderActions } from './useReminderActions.tsx';
import { useSingleSubmit } from '../../components/useSingleSubmit.ts';
import { requiredRule } from '../../components/formRules.ts';

interface SnoozeForm {
  until: Dayjs;
  note?: string;
}

/** S on a row: off the list until a date (3 days from today unless changed). Enter snoozes. */
export function SnoozeDialog({ row }: { row: ReminderRow }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SnoozeForm>();
  const closeDialog = useAppStore((s) => s.closeDialog);
  const today = useAppStore((s) => s.callList?.today ?? s.info?.today ?? dayjs().format('YYYY-MM-DD'));
  const { act } = useReminderActions();

  async function submit() {
    const values = await form.validateFields();
    const done = await act(
      { customerId: row.customerId, productId: row.productId, action: 'snooze', date: values.until.format('YYYY-MM-DD'), note: values.note?.trim() ?? '' },
      row,
    );
    if (done) closeDialog();
  }
  const { run, busy } = useSingleSubmit(submit);

  return (
    <Modal
      open
      title={t('today.snoozeDialog.title', { name: row.name })}
      okText={t('today.snoozeDialog.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy }}
      onOk={run}
      onCancel={closeDialog}
      destroyOnHidden
      width={440}
    >
      <Form<SnoozeForm>
        form={form}
        layout="horizontal"
        labelCol={{ span: 7 }}
        initialValues={{ until: dayjs(addDays(today, NOT_NEEDED_DEFAULT_DAYS)) }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.defaultPrevented) {
            e.preventDefault();
            run();
          }
        }}
      >
        <Form.Item name="until" label={t('today.snoozeDialog.until')} rules={[requiredRule(t)]}>
          <DatePicker autoFocus allowClear={false} className="full-width" disabledDate={(d) => !d.isAfter(dayjs(today), 'day')} />
        </Form.Item>
        <Form.Item name="note" label={t('today.callDialog.note')}>
          <Input maxLength={LIMITS.notes} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
