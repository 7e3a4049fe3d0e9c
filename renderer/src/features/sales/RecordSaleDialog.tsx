import { App, DatePicker, Form, Input, InputNumber, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type Sale } from '../../../../shared/contract.ts';
import { lineAmountFen } from '../../../../shared/domain/money.ts';
import { unusualTimes, usualQuantity } from '../../../../shared/domain/usualQuantity.ts';
import { errorText, showFieldErrors } from '../../components/errors.ts';
import { FormDialog } from '../../components/FormDialog.tsx';
import { fenToYuan, money, quantityText, yuanToFen } from '../../components/format.ts';
import { positiveNumberRules, requiredRule } from '../../components/formRules.ts';
import { showUndoable } from '../../components/undoMessage.tsx';
import { useSingleSubmit } from '../../components/useSingleSubmit.ts';
import { useAppStore } from '../../store/store.ts';
import { CreditLimitWarning } from '../credit/CreditLimitWarning.tsx';
import { GasHoldWarning } from '../gas/GasHoldWarning.tsx';
import { useUndoSale } from './useUndoSale.ts';

interface SaleForm {
  productId: number;
  quantity: number;
  unitPrice: number;
  amount: number;
  paid: boolean;
  date: Dayjs;
  stockLeft?: number | null;
  reason?: string;
  /** Why gas is sold to a household on a supply hold (GasHoldWarning asks), logged with the sale. */
  holdReason?: string;
}

interface RecordSaleProps {
  customerId: number;
  correcting?: Sale | undefined;
  /** Preselected product (an order from the call list). */
  productId?: number | undefined;
  /** The title's name when the customer is not the one open in the book. */
  customerName?: string | undefined;
  /** The quantity to start from (what they bought last time). */
  quantity?: number | undefined;
  /** An order placed from the call list: Ctrl+Z there undoes it, as the message's Undo does. */
  fromCallList?: boolean | undefined;
}

/** Record a sale in seconds: product, quantity, Enter. Price and amount fill themselves in. */
export function RecordSaleDialog({ customerId, correcting, productId, customerName, quantity: startQuantity, fromCallList }: RecordSaleProps) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const api = useAppStore((s) => s.api);
  const [form] = Form.useForm<SaleForm>();
  const products = useAppStore((s) => s.products);
  const customer = useAppStore((s) => (s.selected?.id === customerId ? s.selected : null));
  // The book's sales are those of the customer open there, which may be someone else.
  const lastSale = useAppStore((s) => (s.selectedId === customerId ? s.sales.find((sale) => !sale.voidedAt) : undefined));
  const closeDialog = useAppStore((s) => s.closeDialog);
  const recordSale = useAppStore((s) => s.recordSale);
  const correctSale = useAppStore((s) => s.correctSale);
  const pushSaleUndo = useAppStore((s) => s.pushSaleUndo);
  const overrideGasHold = useAppStore((s) => s.overrideGasHold);
  const undoSale = useUndoSale();
  const today = useAppStore((s) => s.info?.today);
  const paidWatch = Form.useWatch('paid', form);
  const amountWatch = Form.useWatch('amount', form);

  const initialValues = useMemo((): Partial<SaleForm> => {
    const base = correcting ?? lastSale;
    const product = products.find((p) => p.id === (productId ?? base?.productId)) ?? products[0];
    if (correcting) {
      return {
        productId: correcting.productId,
        quantity: correcting.quantity,
        unitPrice: fenToYuan(correcting.unitPriceFen),
        amount: fenToYuan(correcting.amountFen),
        paid: correcting.paid,
        date: dayjs(correcting.date),
      };
    }
    const quantity = startQuantity ?? (base && product && base.productId === product.id ? base.quantity : 1);
    const unitPriceFen = product?.priceFen ?? 0;
    return {
      ...(product ? { productId: product.id } : {}),
      quantity,
      unitPrice: fenToYuan(unitPriceFen),
      amount: fenToYuan(lineAmountFen(quantity, unitPriceFen)),
      paid: true,
      date: dayjs(today),
    };
    // The form is filled once when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function onValuesChange(changed: Partial<SaleForm>, all: SaleForm) {
    if ('productId' in changed) {
      const product = products.find((p) => p.id === changed.productId);
      if (product) {
        form.setFieldsValue({ unitPrice: fenToYuan(product.priceFen), amount: fenToYuan(lineAmountFen(all.quantity ?? 0, product.priceFen)) });
      }
    } else if ('quantity' in changed || 'unitPrice' in changed) {
      form.setFieldsValue({ amount: fenToYuan(lineAmountFen(all.quantity ?? 0, yuanToFen(all.unitPrice ?? 0))) });
    }
  }

  /**
   * Far more than the household's usual (a 250 typed for 2) is asked about before it is saved: Enter on
   * the question saves, Esc goes back to the quantity. The history is read here, not kept: the dialog
   * opens from the call list too, where the household is not the one open in the book.
   */
  async function confirmUnusualQuantity(productId: number, quantity: number): Promise<boolean> {
    const product = products.find((p) => p.id === productId);
    if (!product) return true;
    const sales = await api['sales.listForCustomer']({ customerId, limit: 100 });
    const latest = sales.filter((sale) => sale.productId === productId && !sale.voidedAt).map((sale) => sale.quantity);
    const household = latest.length > 0 ? null : (customer ?? (await api['customers.get']({ id: customerId })));
    const usual = usualQuantity(latest, household, product.dailyUse);
    const times = unusualTimes(quantity, usual);
    if (times === null) return true;
    return new Promise<boolean>((resolve) => {
      modal.confirm({
        title: t('sales.unusualTitle', { times }),
        content: t('sales.unusualBody', {
          usual: quantityText(t, Math.round(usual * 10) / 10, product.unit),
          quantity: quantityText(t, quantity, product.unit),
        }),
        okText: t('sales.unusualOk'),
        cancelText: t('sales.unusualBack'),
        onOk: () => resolve(true),
        onCancel: () => {
          resolve(false);
          form.focusField('quantity');
        },
      });
    });
  }

  async function submit() {
    const values = await form.validateFields();
    if (!correcting && !(await confirmUnusualQuantity(values.productId, values.quantity))) return;
    const draft = {
      productId: values.productId,
      quantity: values.quantity,
      unitPriceFen: yuanToFen(values.unitPrice),
      amountFen: yuanToFen(values.amount),
      paid: values.paid,
      date: values.date.format('YYYY-MM-DD'),
      ...(typeof values.stockLeft === 'number' ? { stockLeft: values.stockLeft } : {}),
    };
    try {
      if (correcting) {
        await correctSale(correcting.id, draft, values.reason?.trim() ?? '');
        void message.success(t('sales.corrected'));
      } else {
        const sale = await recordSale({ ...draft, customerId });
        if (values.holdReason) await overrideGasHold(customerId, sale.id, values.holdReason.trim());
        const what = { product: sale.productName, quantity: quantityText(t, sale.quantity, sale.unit), amount: money(sale.amountFen) };
        if (fromCallList) pushSaleUndo({ kind: 'sale', saleId: sale.id, name: customerName ?? '', what });
        // A wrong product or a slip of the finger is undone at once (the sale is voided, so the book keeps a trace).
        showUndoable(message, {
          key: `sale-${sale.id}`,
          text: t('sales.recorded', what),
          undoLabel: t('common.undo'),
          onUndo: () => void undoSale(sale.id, what),
        });
      }
      closeDialog();
    } catch (error) {
      if (!showFieldErrors(form, t, error, correcting ? ['draft'] : [])) void message.error(errorText(t, error));
    }
  }

  const selectedProductId = Form.useWatch('productId', form);
  const selectedUnit = products.find((p) => p.id === selectedProductId)?.unit;
  const required = [requiredRule(t)];
  const submitting = useSingleSubmit(submit);
  return (
    <FormDialog<SaleForm>
      title={correcting ? t('sales.correctTitle') : t('sales.title', { name: customer?.name ?? customerName ?? '' })}
      okText={t('sales.save')}
      onClose={closeDialog}
      submitting={submitting}
      form={form}
      initialValues={initialValues}
      onValuesChange={onValuesChange}
      width={520}
    >
      <Form.Item name="productId" label={t('sales.product')} rules={required}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={products.map((p) => ({
            value: p.id,
            label: t('common.withDetail', { main: p.name, detail: `${money(p.priceFen)}/${t(`products.units.${p.unit}`)}` }),
          }))}
        />
      </Form.Item>
      <Form.Item name="quantity" label={t('sales.quantity')} rules={positiveNumberRules(t)}>
        <InputNumber autoFocus min={0} max={LIMITS.quantity} step={1} className="full-width" />
      </Form.Item>
      <Form.Item name="unitPrice" label={t('sales.unitPrice')} rules={required}>
        <InputNumber min={0} precision={2} step={0.5} prefix="¥" className="full-width" />
      </Form.Item>
      <Form.Item name="amount" label={t('sales.amount')} rules={required}>
        <InputNumber min={0} precision={2} prefix="¥" className="full-width" />
      </Form.Item>
      <Form.Item name="paid" label={t('sales.payment')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: true, label: t('sales.paidNow') },
            { value: false, label: t('sales.onCredit') },
          ]}
        />
      </Form.Item>
      <CreditLimitWarning customerId={customerId} onCredit={paidWatch === false} amountFen={yuanToFen(amountWatch ?? 0)} />
      {!correcting && <GasHoldWarning customerId={customerId} productId={selectedProductId} />}
      <Form.Item name="date" label={t('sales.date')} rules={required}>
        <DatePicker allowClear={false} className="full-width" disabledDate={(d) => !!today && d.isAfter(dayjs(today), 'day')} />
      </Form.Item>
      {!correcting && (
        <Form.Item name="stockLeft" label={t('sales.stockLeft')} tooltip={t('sales.stockLeftHelp')}>
          <InputNumber min={0} max={LIMITS.quantity} step={1} suffix={selectedUnit ? t(`products.units.${selectedUnit}`) : undefined} className="full-width" />
        </Form.Item>
      )}
      {correcting && (
        <Form.Item name="reason" label={t('sales.reason')}>
          <Input maxLength={LIMITS.reason} placeholder={t('sales.reasonPlaceholder')} />
        </Form.Item>
      )}
    </FormDialog>
  );
}
