/**
 * The counter slip (开单), keyboard first like the counter programs shopkeepers know: type a product's
 * pinyin initials, name or code, Enter picks it, type the quantity, Enter adds the line and goes back to
 * the product; F9 (or Ctrl+Enter) settles. Paid in cash unless another split is typed.
 */
import { App, Button, Flex, Input, InputNumber, Modal, Table, Typography, type GetRef, type InputRef } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { slipMethods, type Product, type Slip, type SlipMethod } from '../../../../shared/contract.ts';
import { matchProducts, productKeys } from '../../../../shared/domain/productSearch.ts';
import { lineAmountFen } from '../../../../shared/domain/money.ts';
import { errorInfoOf, errorText, issueText } from '../../components/errors.ts';
import { fenToYuan, money, quantityText, yuanToFen } from '../../components/format.ts';
import { openPrintView } from '../../components/printRoute.ts';
import { useSingleSubmit } from '../../components/useSingleSubmit.ts';
import { useAppStore } from '../../store/store.ts';
import { HouseholdPicker } from '../customers/HouseholdPicker.tsx';
import { useSlipMember } from '../membership/SlipMember.tsx';
import { TicketsCell, ticketsFenOf, useSlipPrepaid } from '../prepaid/slipPrepaid.tsx';
import { SlipContainers, SlipDepositTotal, useSlipContainers } from '../containers/SlipContainers.tsx';
import './slips.css';

interface DraftLine {
  key: number;
  product: Product;
  quantity: number;
  unitPriceFen: number;
  /** Prepaid tickets drawn for the line; 0: paid otherwise. */
  tickets: number;
}

const SUGGESTIONS = 6;

/** The split as typed: untouched, the whole total is cash; the lines' tickets are never typed. */
function usePayments(totalFen: number, ticketsFen: number) {
  const [typed, setTyped] = useState<Partial<Record<SlipMethod, number>> | null>(null);
  const restFen = totalFen - ticketsFen;
  const amounts: Partial<Record<SlipMethod, number>> = { ...(typed ?? (restFen > 0 ? { cash: restFen } : {})), tickets: ticketsFen };
  const sum = slipMethods.reduce((s, m) => s + (amounts[m] ?? 0), 0);
  return {
    amounts,
    leftFen: totalFen - sum,
    set: (method: SlipMethod, fen: number | null) => setTyped({ ...amounts, [method]: fen ?? 0 }),
    /** All of it by one method: a click on the method's name. */
    all: (method: SlipMethod) => setTyped({ [method]: restFen }),
    reset: () => setTyped(null),
    list: () => slipMethods.filter((m) => (amounts[m] ?? 0) > 0).map((m) => ({ method: m, amountFen: amounts[m]! })),
  };
}

export function SlipDialog({ customerId: initialCustomerId, customerName }: { customerId: number | null; customerName?: string | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const products = useAppStore((s) => s.products);
  const loadProducts = useAppStore((s) => s.loadProducts);
  const closeDialog = useAppStore((s) => s.closeDialog);
  const createSlip = useAppStore((s) => s.createSlip);
  const [customer, setCustomer] = useState<{ id: number; name: string } | null>(
    initialCustomerId === null ? null : { id: initialCustomerId, name: customerName ?? '' },
  );
  const prepaid = useSlipPrepaid(customer?.id ?? null);
  const [lines, setLines] = useState<DraftLine[]>([]);
  const [query, setQuery] = useState('');
  const [highlight, setHighlight] = useState(0);
  const [picked, setPicked] = useState<Product | null>(null);
  const [quantity, setQuantity] = useState<number | null>(1);
  const [price, setPrice] = useState<number | null>(null);
  const [done, setDone] = useState<Slip | null>(null);
  const productInput = useRef<InputRef>(null);
  const quantityInput = useRef<GetRef<typeof InputNumber>>(null);
  const receiptButton = useRef<HTMLButtonElement>(null);
  const nextKey = useRef(1);

  useEffect(() => {
    if (products.length === 0) void loadProducts();
  }, [products.length, loadProducts]);
  useEffect(() => {
    if (done) receiptButton.current?.focus();
  }, [done]);

  const catalog = useMemo(() => products.filter((p) => !p.archivedAt).map((product) => ({ product, keys: productKeys(product) })), [products]);
  const suggestions = useMemo(() => (picked ? [] : matchProducts(catalog, query).slice(0, SUGGESTIONS)), [catalog, query, picked]);
  const member = useSlipMember(customer?.id ?? null, lines, done);
  const totalFen = member.payableFen;
  const payments = usePayments(totalFen, ticketsFenOf(lines));
  const containers = useSlipContainers(customer?.id ?? null, lines);

  const focusQuantity = () =>
    setTimeout(() => {
      quantityInput.current?.focus();
      quantityInput.current?.select();
    }, 0);

  function pick(product: Product) {
    setPicked(product);
    setQuery(product.name);
    setPrice(fenToYuan(product.priceFen));
    setQuantity(1);
    focusQuantity();
  }

  function addLine() {
    if (!picked) return;
    if (!quantity || quantity <= 0) {
      void message.error(t('slips.errors.quantity'));
      return;
    }
    const unitPriceFen = price === null ? picked.priceFen : yuanToFen(price);
    setLines((ls) => [...ls, { key: nextKey.current++, product: picked, quantity, unitPriceFen, tickets: prepaid.defaultTickets(picked.id, quantity, ls) }]);
    setPicked(null);
    setQuery('');
    setHighlight(0);
    payments.reset();
    setTimeout(() => productInput.current?.focus(), 0);
  }

  const settle = useSingleSubmit(async () => {
    if (lines.length === 0 && containers.drafts.length === 0) {
      void message.error(t('slips.errors.noLines'));
      return;
    }
    try {
      const slip = await createSlip({
        customerId: customer?.id ?? null,
        lines: lines.map((l) => ({
          productId: l.product.id,
          quantity: l.quantity,
          unitPriceFen: l.unitPriceFen,
          ...(l.tickets > 0 ? { tickets: l.tickets } : {}),
        })),
        payments: payments.list(),
        ...member.draft,
        containers: containers.drafts,
      });
      setDone(slip);
    } catch (error) {
      const issue = errorInfoOf(error).issues?.[0];
      void message.error(issue ? issueText(t, issue, false) : errorText(t, error));
    }
  });

  // F9 or Ctrl+Enter settles from anywhere in the slip.
  useEffect(() => {
    if (done) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'F9' || (event.key === 'Enter' && event.ctrlKey)) {
        event.preventDefault();
        event.stopPropagation();
        settle.run();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [done, settle]);

  function onProductKey(event: React.KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setHighlight((h) => Math.max(0, Math.min(suggestions.length - 1, h + (event.key === 'ArrowDown' ? 1 : -1))));
    } else if (event.key === 'Enter' && !event.ctrlKey) {
      event.preventDefault();
      const product = suggestions[highlight];
      if (product) pick(product);
      else if (picked) focusQuantity();
      else if (query.trim()) void message.warning(t('slips.noProduct'));
    }
  }

  const name = customer ? customer.name : t('slips.walkIn');
  const printSlip = (layout: 'receipt' | 'a4') => {
    closeDialog();
    openPrintView({ kind: 'slip', slipId: done!.id, layout, area: '', autoPrint: true });
  };

  if (done) {
    return (
      <Modal open title={t('slips.title', { name })} onCancel={closeDialog} footer={null} width={520}>
        <Flex vertical gap={12}>
          <Typography.Text strong>{t('slips.settled', { no: t('slips.no', { id: done.id }), amount: money(done.totalFen) })}</Typography.Text>
          {done.owedFen !== null && done.owedFen > 0 && <Typography.Text type="danger">{t('slips.owes', { amount: money(done.owedFen) })}</Typography.Text>}
          <Flex gap={8} wrap>
            <Button type="primary" ref={receiptButton} onClick={() => printSlip('receipt')}>
              {t('slips.printReceipt')}
            </Button>
            <Button onClick={() => printSlip('a4')}>{t('slips.printA4')}</Button>
            <Button
              onClick={() => {
                setDone(null);
                setLines([]);
                payments.reset();
                containers.reset();
                setTimeout(() => productInput.current?.focus(), 0);
              }}
            >
              {t('slips.another')}
            </Button>
            <Button onClick={closeDialog}>{t('common.close')}</Button>
          </Flex>
        </Flex>
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={t('slips.title', { name })}
      onCancel={closeDialog}
      width={900}
      className="slip-dialog"
      footer={
        <Flex justify="space-between" align="center">
          <Typography.Text type="secondary">{t('slips.lines', { count: lines.length })}</Typography.Text>
          <Flex gap={8}>
            <Button onClick={closeDialog}>{t('common.cancel')}</Button>
            <Button type="primary" loading={settle.busy} onClick={settle.run}>
              {t('slips.settle')}{' '}
              <Typography.Text keyboard className="kbd-on-primary">
                F9
              </Typography.Text>
            </Button>
          </Flex>
        </Flex>
      }
    >
      <Flex vertical gap={10}>
        {initialCustomerId === null && (
          <HouseholdPicker
            ariaLabel={t('slips.household')}
            placeholder={t('slips.householdPlaceholder')}
            value={customer}
            onChange={(household) => {
              setCustomer(household);
              // Tickets belong to a household: another one (or a walk-in) pays its lines afresh.
              setLines((ls) => ls.map((l) => ({ ...l, tickets: 0 })));
              payments.reset();
            }}
          />
        )}
        <Flex gap={8} align="flex-start">
          <div className="slip-product">
            <Input
              ref={productInput}
              autoFocus
              aria-label={t('slips.product')}
              placeholder={t('slips.productPlaceholder')}
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setPicked(null);
                setHighlight(0);
              }}
              onKeyDown={onProductKey}
            />
            {suggestions.length > 0 && (
              <ul className="slip-suggestions" role="listbox" aria-label={t('slips.product')}>
                {suggestions.map((p, i) => (
                  <li
                    key={p.id}
                    role="option"
                    aria-selected={i === highlight}
                    className={i === highlight ? 'active' : ''}
                    onMouseDown={(e) => {
                      e.preventDefault();
                      pick(p);
                    }}
                  >
                    <span>{p.name}</span>
                    <span className="slip-suggestion-detail">
                      {money(p.priceFen)} · {t('slips.code', { code: p.id })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <InputNumber<number>
            ref={quantityInput}
            aria-label={t('slips.quantity')}
            min={0}
            value={quantity}
            onChange={setQuantity}
            onPressEnter={(e) => {
              e.preventDefault();
              addLine();
            }}
            className="slip-number"
          />
          <InputNumber<number>
            aria-label={t('slips.unitPrice')}
            min={0}
            precision={2}
            prefix="¥"
            value={price}
            onChange={setPrice}
            onPressEnter={(e) => {
              e.preventDefault();
              addLine();
            }}
            className="slip-number"
          />
          <Button onClick={addLine} disabled={!picked}>
            {t('slips.add')}
          </Button>
        </Flex>
        <Table<DraftLine>
          size="small"
          pagination={false}
          rowKey="key"
          scroll={{ y: 230 }}
          dataSource={lines}
          locale={{ emptyText: t('slips.empty') }}
          columns={[
            { title: t('slips.product'), render: (_, l) => l.product.name },
            { title: t('slips.quantity'), width: 120, render: (_, l) => quantityText(t, l.quantity, l.product.unit) },
            { title: t('slips.unitPrice'), width: 110, align: 'right', render: (_, l) => money(l.unitPriceFen) },
            { title: t('slips.amount'), width: 120, align: 'right', render: (_, l) => money(lineAmountFen(l.quantity, l.unitPriceFen)) },
            ...(prepaid.holdsTickets
              ? [
                  {
                    title: t('slips.methods.tickets'),
                    width: 110,
                    render: (_: unknown, l: DraftLine) => (
                      <TicketsCell
                        line={l}
                        available={prepaid.available(l.product.id, lines, l.key)}
                        onChange={(tickets) => {
                          setLines((ls) => ls.map((x) => (x.key === l.key ? { ...x, tickets } : x)));
                          payments.reset();
                        }}
                      />
                    ),
                  },
                ]
              : []),
            {
              title: '',
              width: 70,
              render: (_, l) => (
                <Button
                  size="small"
                  type="link"
                  danger
                  onClick={() => {
                    setLines((ls) => ls.filter((x) => x.key !== l.key));
                    payments.reset();
                  }}
                >
                  {t('slips.remove')}
                </Button>
              ),
            },
          ]}
        />
        {member.panel(payments.reset)}
        <SlipContainers state={containers} />
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Flex gap={6} wrap align="center">
            <Typography.Text>{t('slips.payment')}</Typography.Text>
            {payments.amounts.tickets ? <Typography.Text>{`${t('slips.methods.tickets')} ${money(payments.amounts.tickets)}`}</Typography.Text> : null}
            {slipMethods
              .filter((m) => m !== 'credit' || customer)
              .filter((m) => m !== 'tickets' && (m !== 'stored' || prepaid.storedLeftFen > 0))
              .map((m) => (
                <Flex key={m} gap={2} align="center">
                  <Button size="small" type="text" onClick={() => payments.all(m)}>
                    {t(`slips.methods.${m}`)}
                  </Button>
                  <InputNumber<number>
                    size="small"
                    aria-label={t(`slips.methods.${m}`)}
                    min={0}
                    precision={2}
                    value={payments.amounts[m] ? fenToYuan(payments.amounts[m]) : null}
                    onChange={(v) => payments.set(m, v === null ? null : yuanToFen(v))}
                    className="slip-pay"
                  />
                </Flex>
              ))}
          </Flex>
          <Flex vertical align="flex-end">
            <Typography.Text strong className="slip-total">
              {t('slips.total')} {money(totalFen)}
            </Typography.Text>
            <SlipDepositTotal state={containers} totalFen={totalFen} />
            {payments.leftFen !== 0 && (
              <Typography.Text type="danger">
                {payments.leftFen > 0 ? t('slips.remaining', { amount: money(payments.leftFen) }) : t('slips.over', { amount: money(-payments.leftFen) })}
              </Typography.Text>
            )}
          </Flex>
        </Flex>
      </Flex>
    </Modal>
  );
}
