import { App, DatePicker, Form, Input, InputNumber, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { LIMITS, paymentMethods, type Payment } from '../../../../shared/contract.ts';
import { errorText, showFieldErrors } from '../../components/errors.ts';
import { FormDialog } from '../../components/FormDialog.tsx';
import { fenToYuan, money, yuanToFen } from '../../components/format.ts';
import { positiveNumberRules, requiredRule } from '../../components/formRules.ts';
import { useSingleSubmit } from '../../components/useSingleSubmit.ts';
import { useAppStore } from '../../store/store.ts';

interface PaymentForm {
  amount: number;
  method: Payment['method'];
  date: Dayjs;
  note: string;
}

/** Money received: defaults to everything owed, paid in cash today; Enter records it. */
export function PaymentDialog({ customerId, name, owedFen, onClose }: { customerId: number; name: string; owedFen: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<PaymentForm>();
  const recordPayment = useAppStore((s) => s.recordPayment);
  const today = useAppStore((s) => s.info?.today);

  /** More than is owed is kept as money paid ahead; asked first, as 500 typed for 50 looks the same. */
  async function confirmOverpayment(amountFen: number): Promise<boolean> {
    if (amountFen <= Math.max(0, owedFen)) return true;
    return modal.confirm({
      title: t('credit.overpayTitle', { amount: money(amountFen), extra: money(amountFen - Math.max(0, owedFen)) }),
      content: t('credit.overpayBody', { owed: money(Math.max(0, owedFen)) }),
      okText: t('credit.overpayOk'),
      cancelText: t('common.cancel'),
    });
  }

  async function submit() {
    const values = await form.validateFields();
    const amountFen = yuanToFen(values.amount);
    if (!(await confirmOverpayment(amountFen))) return;
    try {
      const payment = await recordPayment({
        customerId,
        amountFen,
        method: values.method,
        date: values.date.format('YYYY-MM-DD'),
        note: values.note?.trim() ?? '',
      });
      void message.success(t('credit.paymentRecorded', { name, amount: money(payment.amountFen) }));
      onClose();
    } catch (error) {
      if (!showFieldErrors(form, t, error, [], ['note'])) void message.error(errorText(t, error));
    }
  }

  const submitting = useSingleSubmit(submit);
  return (
    <FormDialog<PaymentForm>
      title={t('credit.paymentTitle', { name })}
      okText={t('credit.recordPayment')}
      onClose={onClose}
      submitting={submitting}
      form={form}
      labelSpan={6}
      initialValues={{ amount: owedFen > 0 ? fenToYuan(owedFen) : undefined, method: 'cash', date: dayjs(today), note: '' }}
    >
      <Form.Item name="amount" label={t('credit.amount')} rules={positiveNumberRules(t)} extra={t('credit.owesNow', { amount: money(owedFen) })}>
        <InputNumber autoFocus min={0} precision={2} prefix="¥" className="full-width" />
      </Form.Item>
      <Form.Item name="method" label={t('credit.method')}>
        <Radio.Group optionType="button" options={paymentMethods.map((m) => ({ value: m, label: t(`credit.methods.${m}`) }))} />
      </Form.Item>
      <Form.Item name="date" label={t('sales.date')} rules={[requiredRule(t)]}>
        <DatePicker allowClear={false} className="full-width" disabledDate={(d) => !!today && d.isAfter(dayjs(today), 'day')} />
      </Form.Item>
      <Form.Item name="note" label={t('customers.notes')}>
        <Input maxLength={LIMITS.notes} />
      </Form.Item>
    </FormDialog>
  );
}
