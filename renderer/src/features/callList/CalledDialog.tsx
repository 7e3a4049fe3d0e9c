import { DatePicker, Form, InputNumber, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutcome, ReminderRow } from '../../../../shared/contract.ts';
import { LIMITS, callOutcomes } from '../../../../shared/contract.ts';
import { addDays } from '../../../../shared/domain/dates.ts';
import { useRowActionDialog } from './useCallListActions.tsx';
import { CallDialog } from '../../components/CallDialog.tsx';
import { isBeyondReach, requiredRule } from '../../components/formRules.ts';

interface CalledForm {
  outcome: CallOutcome;
  deliverDate?: Dayjs;
  snoozeUntil?: Dayjs;
  willComeDate?: Dayjs | null;
  stockLeft?: number | null;
  note?: string;
}

/** Days "not needed yet" snoozes by default. */
export const NOT_NEEDED_DEFAULT_DAYS = 3;

/** C on a row: what came of the call. 1–4 pick the outcome, Enter logs it. */
export function CalledDialog({ row }: { row: ReminderRow }) {
  const { t } = useTranslation();
  // "Not needed yet" with what is left: the date may stay empty, and the stock then says when to call
  // again (the backend's followUpAfterStockReport). A default date nobody picked would hide what was said.
  // onValuesChange reports only what the user changed, so this stays false while the default is set here.
  const datePicked = useRef(false);
  const { form, today, dialog } = useRowActionDialog<CalledForm>(row, (values) => {
    const date =
      values.outcome === 'deliver'
        ? values.deliverDate
        : values.outcome === 'not_needed'
          ? values.snoozeUntil
          : values.outcome === 'will_come'
            ? values.willComeDate
            : null;
    return {
      customerId: row.customerId,
      productId: row.productId,
      action: 'called',
      outcome: values.outcome,
      ...(date ? { date: date.format('YYYY-MM-DD') } : {}),
      ...(typeof values.stockLeft === 'number' ? { stockLeft: values.stockLeft } : {}),
      note: values.note?.trim() ?? '',
    };
  });
  const outcome = Form.useWatch('outcome', form) ?? 'will_come';
  const stockGiven = typeof Form.useWatch('stockLeft', form) === 'number';

  const unreachable = (d: Dayjs) => d.isBefore(dayjs(today), 'day') || isBeyondReach(d, today);
  const unit = t(`products.units.${row.unit}`);
  return (
    <CallDialog<CalledForm, CallOutcome>
      {...dialog}
      title={t('callList.callDialog.title', { name: row.name })}
      outcomes={callOutcomes}
      outcomeText={(value) => t(`callList.outcome.${value}`)}
      initialValues={{
        outcome: 'will_come',
        deliverDate: dayjs(today),
        snoozeUntil: dayjs(addDays(today, NOT_NEEDED_DEFAULT_DAYS)),
        willComeDate: null,
      }}
      onValuesChange={(changed: Partial<CalledForm>) => {
        if ('snoozeUntil' in changed) datePicked.current = true;
        if ('stockLeft' in changed && !datePicked.current) {
          form.setFieldValue('snoozeUntil', typeof changed.stockLeft === 'number' ? undefined : dayjs(addDays(today, NOT_NEEDED_DEFAULT_DAYS)));
        }
      }}
      before={
        <Form.Item label={t('callList.callDialog.product')}>
          <Typography.Text strong>{row.productName}</Typography.Text>
        </Form.Item>
      }
    >
      {outcome === 'deliver' && (
        <Form.Item name="deliverDate" label={t('callList.callDialog.deliverDate')} rules={[requiredRule(t)]}>
          <DatePicker allowClear={false} className="full-width" disabledDate={unreachable} />
        </Form.Item>
      )}
      {outcome === 'not_needed' && (
        <Form.Item
          name="snoozeUntil"
          label={t('callList.callDialog.snoozeUntil')}
          rules={stockGiven ? [] : [requiredRule(t)]}
          extra={stockGiven ? t('callList.callDialog.snoozeByStockHelp') : undefined}
        >
          <DatePicker
            allowClear={stockGiven}
            className="full-width"
            disabledDate={unreachable}
            placeholder={stockGiven ? t('callList.callDialog.snoozeByStock') : undefined}
          />
        </Form.Item>
      )}
      {outcome === 'will_come' && (
        <Form.Item name="willComeDate" label={t('callList.callDialog.willComeDate')}>
          <DatePicker className="full-width" disabledDate={unreachable} />
        </Form.Item>
      )}
      {outcome === 'no_answer' && (
        <Form.Item label=" " colon={false}>
          <Typography.Text type="secondary">{t('callList.callDialog.retryTomorrow')}</Typography.Text>
        </Form.Item>
      )}
      <Form.Item name="stockLeft" label={t('callList.callDialog.stockLeft')} extra={t('callList.callDialog.stockLeftHelp')}>
        <InputNumber min={0} max={LIMITS.quantity} step={1} suffix={unit} className="full-width" />
      </Form.Item>
    </CallDialog>
  );
}
