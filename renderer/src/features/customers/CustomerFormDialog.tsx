import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Flex, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer, CustomerDraftInput, PhoneMatch } from '../../../../shared/contract.ts';
import { LIMITS } from '../../../../shared/contract.ts';
import { isValidPhone } from '../../../../shared/domain/phone.ts';
import { MAX_PEOPLE_PER_GROUP, type Payday } from '../../../../shared/domain/household.ts';
import { useSingleSubmit } from '../../components/useSingleSubmit.ts';
import { errorInfoOf, errorText, showFieldErrors } from '../../components/errors.ts';
import { fenToYuan, paydayText, yuanToFen } from '../../components/format.ts';
import { useAppStore } from '../../store/store.ts';
import { requiredRule } from '../../components/formRules.ts';

interface CustomerForm {
  name: string;
  phones: string[];
  address: string;
  area: string;
  adults: number;
  children: number;
  seniors: number;
  payday: number | 'end' | 'none';
  tags: string[];
  notes: string;
  /** Yuan; empty means no limit. */
  creditLimit: number | null;
}

const textFields = ['name', 'address', 'area', 'notes', 'tags', 'phones'];

function toForm(customer: Customer | null): CustomerForm {
  if (!customer)
    return { name: '', phones: [''], address: '', area: '', adults: 2, children: 0, seniors: 0, payday: 'none', tags: [], notes: '', creditLimit: null };
  return {
    ...customer,
    phones: customer.phones.length ? customer.phones : [''],
    payday: customer.payday ?? 'none',
    creditLimit: customer.creditLimitFen === null ? null : fenToYuan(customer.creditLimitFen),
  };
}

function toDraft(values: CustomerForm): CustomerDraftInput {
  const payday: Payday = values.payday === 'none' ? null : values.payday;
  return {
    name: values.name,
    phones: (values.phones ?? []).map((p) => p?.trim() ?? '').filter(Boolean),
    address: values.address ?? '',
    area: values.area ?? '',
    adults: values.adults ?? 0,
    children: values.children ?? 0,
    seniors: values.seniors ?? 0,
    payday,
    tags: values.tags ?? [],
    notes: values.notes ?? '',
    creditLimitFen: values.creditLimit === null || values.creditLimit === undefined ? null : yuanToFen(values.creditLimit),
  };
}

/** New or edit: one form, validated by the backend's contract, with duplicate phones flagged as you type. */
export function CustomerFormDialog({ customerId }: { customerId: number | null }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<CustomerForm>();
  const api = useAppStore((s) => s.api);
  const closeDialog = useAppStore((s) => s.closeDialog);
  const saveCustomer = useAppStore((s) => s.saveCustomer);
  const setView = useAppStore((s) => s.setView);
  const editing = useAppStore((s) => (customerId !== null && s.selected?.id === customerId ? s.selected : null));
  const [phoneOwners, setPhoneOwners] = useState<PhoneMatch[]>([]);

  useEffect(() => {
    form.setFieldsValue(toForm(editing));
  }, [editing, form]);

  async function checkPhones() {
    const phones = (form.getFieldValue('phones') as string[] | undefined)?.filter(Boolean) ?? [];
    try {
      setPhoneOwners(
        await api['customers.findByPhone']({ phones: phones.map((p) => p.slice(0, LIMITS.phone)), ...(customerId ? { excludeId: customerId } : {}) }),
      );
    } catch {
      setPhoneOwners([]);
    }
  }

  // The backend's "wrong format" stays under a phone until it is right again (the field has no rules to rerun).
  function clearFixedPhoneError(index: number, value: string) {
    if (value.trim() === '' || isValidPhone(value)) form.setFields([{ name: ['phones', index], errors: [] }]);
  }

  async function save(allowDuplicatePhone: boolean) {
    const values = await form.validateFields();
    try {
      const customer = await saveCustomer(customerId, toDraft(values), allowDuplicatePhone);
      void message.success(t(customerId === null ? 'customers.created' : 'customers.updated', { name: customer.name }));
      closeDialog();
      // A new household is shown in the book, wherever F2 was pressed.
      if (customerId === null) setView('customers');
    } catch (error) {
      const info = errorInfoOf(error);
      if (info.code === 'DUPLICATE_PHONE') {
        const names = ((info.details?.existing as PhoneMatch[] | undefined) ?? []).map((m) => m.name).join('、');
        modal.confirm({
          title: t('customers.form.duplicateTitle'),
          content: t('customers.form.duplicateBody', { names }),
          okText: t('customers.form.saveAnyway'),
          cancelText: t('common.cancel'),
          onOk: () => save(true),
        });
      } else if (!showFieldErrors(form, t, error, ['draft'], textFields)) {
        void message.error(errorText(t, error));
      }
    }
  }
  // OK and Ctrl+Enter both: one save at a time (two could both hit DUPLICATE_PHONE).
  const { run: saveOnce, busy: saving } = useSingleSubmit(() => save(false));

  const paydayOptions = [
    { value: 'none', label: paydayText(t, null) },
    ...Array.from({ length: 31 }, (_, i) => ({ value: i + 1, label: paydayText(t, i + 1) })),
    { value: 'end', label: paydayText(t, 'end') },
  ];
  // No min/max on the input: it would turn 31 into 30 on blur without a word. The field says it instead.
  const peopleRules: Rule[] = [
    requiredRule(t),
    { type: 'number', min: 0, message: t('validation.too_small', { limit: 0 }) },
    { type: 'number', max: MAX_PEOPLE_PER_GROUP, message: t('validation.too_big', { limit: MAX_PEOPLE_PER_GROUP }) },
  ];
  const people = (name: 'adults' | 'children' | 'seniors') => (
    <Col span={8}>
      <Form.Item name={name} label={t(`customers.form.${name}`)} rules={peopleRules}>
        <InputNumber precision={0} className="full-width" />
      </Form.Item>
    </Col>
  );

  return (
    <Modal
      open
      width={640}
      title={customerId === null ? t('customers.form.titleNew') : t('customers.form.titleEdit')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={saveOnce}
      onCancel={closeDialog}
      destroyOnHidden
    >
      <Form<CustomerForm>
        form={form}
        layout="vertical"
        initialValues={toForm(editing)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && e.ctrlKey) saveOnce();
        }}
      >
        <Form.Item name="name" label={t('customers.form.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input autoFocus maxLength={LIMITS.name} />
        </Form.Item>
        <Form.Item
          label={t('customers.form.phones')}
          required={false}
          help={phoneOwners.length ? t('customers.form.phoneTaken', { names: phoneOwners.map((m) => m.name).join('、') }) : undefined}
          validateStatus={phoneOwners.length ? 'warning' : undefined}
        >
          <Form.List name="phones">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field, index) => (
                  <Flex key={field.key} gap={8} align="start">
                    <Form.Item name={field.name} noStyle>
                      <Input
                        inputMode="tel"
                        maxLength={LIMITS.phone}
                        aria-label={`${t('customers.form.phones')} ${index + 1}`}
                        onBlur={() => void checkPhones()}
                        onChange={(e) => clearFixedPhoneError(field.name, e.target.value)}
                      />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        onClick={() => {
                          remove(field.name);
                          void checkPhones();
                        }}
                        aria-label="remove"
                      />
                    )}
                  </Flex>
                ))}
                {fields.length < LIMITS.phones && (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>
                    {t('customers.form.addPhone')}
                  </Button>
                )}
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        <Row gutter={12}>
          {people('adults')}
          {people('children')}
          {people('seniors')}
        </Row>
        <Row gutter={12}>
          <Col span={16}>
            <Form.Item name="address" label={t('customers.form.address')}>
              <Input maxLength={LIMITS.address} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="area" label={t('customers.form.area')}>
              <Input maxLength={LIMITS.area} placeholder={t('customers.form.areaPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="payday" label={t('customers.form.payday')}>
              <Select options={paydayOptions} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="creditLimit" label={t('credit.limit')} tooltip={t('customers.form.creditLimitHelp')}>
              <InputNumber min={0} precision={2} prefix="¥" placeholder={t('credit.noLimit')} className="full-width" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="tags" label={t('customers.form.tags')}>
              <Select mode="tags" placeholder={t('customers.form.tagsPlaceholder')} maxCount={LIMITS.tags} open={false} suffixIcon={null} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="notes" label={t('customers.form.notes')}>
          <Input.TextArea rows={2} maxLength={LIMITS.notes} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
