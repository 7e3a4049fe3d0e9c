import { App, Checkbox, DatePicker, Form, Input, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { checkItems, checkResults, LIMITS, type CheckItem, type GasCheck } from '../../../../shared/contract.ts';
import { errorText, showFieldErrors } from '../../components/errors.ts';
import { FormDialog } from '../../components/FormDialog.tsx';
import { isBeyondReach, requiredRule } from '../../components/formRules.ts';
import { useShopToday } from '../../components/useShopToday.ts';
import { useSingleSubmit } from '../../components/useSingleSubmit.ts';
import { useAppStore } from '../../store/store.ts';

interface CheckForm {
  date: Dayjs;
  items: CheckItem[];
  result: GasCheck['result'];
  nextDue: Dayjs | null;
  by: string;
  note: string;
}

/** A home safety check (入户安检): what was checked and how it went; a refusal or a fail holds the supply. */
export function CheckDialog({ customer, onClose }: { customer: { id: number; name: string }; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CheckForm>();
  const recordGasCheck = useAppStore((s) => s.recordGasCheck);
  const today = useShopToday();

  async function submit() {
    const v = await form.validateFields();
    try {
      await recordGasCheck({
        customerId: customer.id,
        date: v.date.format('YYYY-MM-DD'),
        items: v.items ?? [],
        result: v.result,
        ...(v.nextDue ? { nextDue: v.nextDue.format('YYYY-MM-DD') } : {}),
        by: v.by?.trim() ?? '',
        note: v.note?.trim() ?? '',
      });
      void message.success(t('gas.checks.recorded'));
      onClose();
    } catch (error) {
      if (!showFieldErrors(form, t, error, [], ['by', 'note'])) void message.error(errorText(t, error));
    }
  }

  const submitting = useSingleSubmit(submit);
  return (
    <FormDialog<CheckForm>
      title={t('gas.checks.recordTitle', { name: customer.name })}
      okText={t('common.save')}
      onClose={onClose}
      submitting={submitting}
      form={form}
      initialValues={{ date: dayjs(today), items: [...checkItems], result: 'pass', nextDue: null, by: '', note: '' }}
      width={560}
    >
      <Form.Item name="date" label={t('gas.checks.fields.date')} rules={[requiredRule(t)]}>
        <DatePicker allowClear={false} className="full-width" disabledDate={(d) => d.isAfter(dayjs(today), 'day')} />
      </Form.Item>
      <Form.Item name="items" label={t('gas.checks.fields.items')}>
        <Checkbox.Group options={checkItems.map((item) => ({ value: item, label: t(`gas.items.${item}`) }))} />
      </Form.Item>
      <Form.Item name="result" label={t('gas.checks.fields.result')} rules={[requiredRule(t)]}>
        <Radio.Group optionType="button" options={checkResults.map((r) => ({ value: r, label: t(`gas.results.${r}`) }))} />
      </Form.Item>
      <Form.Item name="nextDue" label={t('gas.checks.fields.nextDue')} tooltip={t('gas.checks.nextDueHelp')}>
        <DatePicker className="full-width" disabledDate={(d) => isBeyondReach(d, today)} />
      </Form.Item>
      <Form.Item name="by" label={t('gas.checks.fields.by')}>
        <Input maxLength={LIMITS.name} />
      </Form.Item>
      <Form.Item name="note" label={t('gas.checks.fields.note')}>
        <Input maxLength={LIMITS.notes} />
      </Form.Item>
    </FormDialog>
  );
}
