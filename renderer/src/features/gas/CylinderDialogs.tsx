import { App, DatePicker, Form, Input, InputNumber } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { LIMITS, type Cylinder } from '../../../../shared/contract.ts';
import { nextInspectionAfter } from '../../../../shared/domain/gas.ts';
import { errorText, showFieldErrors } from '../../components/errors.ts';
import { FormDialog } from '../../components/FormDialog.tsx';
import { positiveNumberRules, requiredRule } from '../../components/formRules.ts';
import { useShopToday } from '../../components/useShopToday.ts';
import { useSingleSubmit } from '../../components/useSingleSubmit.ts';
import { useAppStore } from '../../store/store.ts';
import { HouseholdPicker, type PickedHousehold } from '../customers/HouseholdPicker.tsx';

interface CylinderForm {
  serial: string;
  sizeKg: number;
  fillDate: Dayjs | null;
  lastInspectionDate: Dayjs | null;
  nextInspectionDate: Dayjs;
  scrapDate: Dayjs;
  note: string;
}

const day = (date: string | null) => (date ? dayjs(date) : null);
const dateOf = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null);

/** Registers a cylinder (serial typed or scanned: a QR scanner types it), or edits one's dates. */
export function CylinderDialog({ cylinder, onClose }: { cylinder: Cylinder | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CylinderForm>();
  const saveCylinder = useAppStore((s) => s.saveCylinder);

  async function submit() {
    const v = await form.validateFields();
    try {
      const saved = await saveCylinder(cylinder?.id ?? null, {
        serial: v.serial,
        sizeKg: v.sizeKg,
        fillDate: dateOf(v.fillDate),
        lastInspectionDate: dateOf(v.lastInspectionDate),
        nextInspectionDate: dateOf(v.nextInspectionDate)!,
        scrapDate: dateOf(v.scrapDate)!,
        note: v.note?.trim() ?? '',
      });
      void message.success(t('gas.saved', { serial: saved.serial }));
      onClose();
    } catch (error) {
      if (!showFieldErrors(form, t, error, ['draft'], ['serial', 'note'])) void message.error(errorText(t, error));
    }
  }

  // The next inspection follows the last one by the 4-year cycle, unless the shopkeeper typed their own.
  function onValuesChange(changed: Partial<CylinderForm>) {
    if (changed.lastInspectionDate && !form.isFieldTouched('nextInspectionDate')) {
      form.setFieldValue('nextInspectionDate', dayjs(nextInspectionAfter(changed.lastInspectionDate.format('YYYY-MM-DD'))));
    }
  }

  const required = [requiredRule(t)];
  const submitting = useSingleSubmit(submit);
  return (
    <FormDialog<CylinderForm>
      title={cylinder ? t('gas.editTitle', { serial: cylinder.serial }) : t('gas.registerTitle')}
      okText={t('common.save')}
      onClose={onClose}
      submitting={submitting}
      form={form}
      onValuesChange={onValuesChange}
      initialValues={{
        serial: cylinder?.serial ?? '',
        sizeKg: cylinder?.sizeKg ?? 15,
        fillDate: day(cylinder?.fillDate ?? null),
        lastInspectionDate: day(cylinder?.lastInspectionDate ?? null),
        nextInspectionDate: day(cylinder?.nextInspectionDate ?? null),
        scrapDate: day(cylinder?.scrapDate ?? null),
        note: cylinder?.note ?? '',
      }}
      // Wide enough for "钢瓶编号 / 二维码" beside its field with 大字体.
      width={600}
      labelSpan={8}
    >
      <Form.Item name="serial" label={t('gas.fields.serial')} rules={required}>
        <Input autoFocus maxLength={200} />
      </Form.Item>
      <Form.Item name="sizeKg" label={t('gas.fields.sizeKg')} rules={positiveNumberRules(t)}>
        <InputNumber min={0} max={100} className="full-width" />
      </Form.Item>
      <Form.Item name="fillDate" label={t('gas.fields.fillDate')}>
        <DatePicker className="full-width" />
      </Form.Item>
      <Form.Item name="lastInspectionDate" label={t('gas.fields.lastInspectionDate')}>
        <DatePicker className="full-width" />
      </Form.Item>
      <Form.Item name="nextInspectionDate" label={t('gas.fields.nextInspectionDate')} rules={required} tooltip={t('gas.nextInspectionHelp')}>
        <DatePicker className="full-width" />
      </Form.Item>
      <Form.Item name="scrapDate" label={t('gas.fields.scrapDate')} rules={required}>
        <DatePicker className="full-width" />
      </Form.Item>
      <Form.Item name="note" label={t('gas.fields.note')}>
        <Input maxLength={LIMITS.notes} />
      </Form.Item>
    </FormDialog>
  );
}

interface IssueForm {
  customer: PickedHousehold | null;
  date: Dayjs;
}

/** Sends a cylinder in the shop out to a household. */
export function IssueDialog({ cylinder, onClose }: { cylinder: Cylinder; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<IssueForm>();
  const issueCylinder = useAppStore((s) => s.issueCylinder);
  const today = useShopToday();

  async function submit() {
    const v = await form.validateFields();
    try {
      await issueCylinder(cylinder.serial, v.customer!.id, v.date.format('YYYY-MM-DD'));
      void message.success(t('gas.issued', { serial: cylinder.serial, name: v.customer!.name }));
      onClose();
    } catch (error) {
      if (!showFieldErrors(form, t, error)) void message.error(errorText(t, error));
    }
  }

  const submitting = useSingleSubmit(submit);
  return (
    <FormDialog<IssueForm>
      title={t('gas.issueTitle', { serial: cylinder.serial })}
      okText={t('gas.issue')}
      onClose={onClose}
      submitting={submitting}
      form={form}
      initialValues={{ customer: null, date: dayjs(today) }}
      width={480}
    >
      <Form.Item name="customer" label={t('gas.fields.customer')} rules={[requiredRule(t)]}>
        <HouseholdPicker autoFocus placeholder={t('gas.pickCustomer')} className="full-width" />
      </Form.Item>
      <Form.Item name="date" label={t('gas.fields.date')} rules={[requiredRule(t)]}>
        <DatePicker allowClear={false} className="full-width" disabledDate={(d) => d.isAfter(dayjs(today), 'day')} />
      </Form.Item>
    </FormDialog>
  );
}
