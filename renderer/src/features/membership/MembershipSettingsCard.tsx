/** The owner's membership rules: points per yuan, what points are worth, the member price per level, a paid membership. */
import { App, Button, Card, Flex, Form, InputNumber, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberRulesInput } from '../../../../shared/contract.ts';
import { MEMBER_LEVELS } from '../../../../shared/domain/membership.ts';
import { errorText, showFieldErrors } from '../../components/errors.ts';
import { fenToYuan, yuanToFen } from '../../components/format.ts';
import { useAppStore } from '../../store/store.ts';

type Fields = Omit<MemberRulesInput, 'priceFen'> & { priceYuan: number };

export function MembershipSettingsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rules = useAppStore((s) => s.memberRules);
  const load = useAppStore((s) => s.loadMemberRules);
  const save = useAppStore((s) => s.saveMemberRules);
  const [form] = Form.useForm<Fields>();

  useEffect(() => {
    void load().catch(() => undefined);
  }, [load]);
  useEffect(() => {
    if (!rules) return;
    const { priceFen, fromDate: _fromDate, ...rest } = rules;
    form.setFieldsValue({ ...rest, priceYuan: fenToYuan(priceFen) });
  }, [rules, form]);

  async function submit({ priceYuan, ...fields }: Fields) {
    try {
      await save({ ...fields, priceFen: yuanToFen(priceYuan) });
      void message.success(t('shop.settings.saved'));
    } catch (error) {
      if (!showFieldErrors(form, t, error)) void message.error(errorText(t, error));
    }
  }

  const number = (name: keyof Fields, label: string, precision = 0) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: t('validation.required') }]}>
      <InputNumber<number> aria-label={label} precision={precision} className="settings-input" />
    </Form.Item>
  );
  return (
    <Card title={t('membership.settings.title')}>
      <Form form={form} layout="horizontal" labelCol={{ flex: '200px' }} onFinish={(v) => void submit(v)}>
        {number('pointsPerYuan', t('membership.settings.pointsPerYuan'), 2)}
        {number('pointsPerYuanOff', t('membership.settings.pointsPerYuanOff'))}
        <Form.Item label={t('membership.settings.discounts')}>
          <Flex gap={8} wrap>
            {MEMBER_LEVELS.map((level) => (
              <Form.Item key={level} name={['discounts', level]} noStyle>
                <InputNumber<number> aria-label={t(`membership.levels.${level}`)} prefix={t(`membership.levels.${level}`)} precision={1} min={0} max={90} />
              </Form.Item>
            ))}
          </Flex>
        </Form.Item>
        {number('priceYuan', t('membership.settings.priceFen'), 2)}
        {number('days', t('membership.settings.days'))}
        <Flex gap={12} align="center" wrap>
          <Button type="primary" htmlType="submit">
            {t('membership.settings.save')}
          </Button>
          <Typography.Text type="secondary">
            {rules?.fromDate ? t('membership.settings.fromDate', { date: rules.fromDate }) : t('membership.settings.never')}
          </Typography.Text>
        </Flex>
      </Form>
    </Card>
  );
}
