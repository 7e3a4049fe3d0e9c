import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Col, Flex, Form, Input, InputNumber, Modal, Popconfirm, Row, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, units, type Product, type Unit } from '../../../../shared/contract.ts';
import { seasonPresets, type SeasonPreset } from '../../../../shared/domain/forecastSeasons.ts';
import { offersLearnedRates } from '../../../../shared/domain/forecastShop.ts';
import { useSingleSubmit } from '../../components/useSingleSubmit.ts';
import { errorText, showFieldErrors } from '../../components/errors.ts';
import { fenToYuan, money, yuanToFen } from '../../components/format.ts';
import { positiveNumberRules, requiredRule } from '../../components/formRules.ts';
import type { Rule } from 'antd/es/form';
import { useAppStore } from '../../store/store.ts';
import { containerDraft, containerFormValues, ProductContainerFields, type ContainerFormValues } from '../containers/ProductContainerFields.tsx';

interface ProductForm extends ContainerFormValues {
  name: string;
  unit: Unit;
  price: number;
  adult: number;
  child: number;
  senior: number;
  leadDays: number;
  seasonPreset: SeasonPreset;
}

function ProductDialog({ product, onClose }: { product: Product | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProductForm>();
  const saveProduct = useAppStore((s) => s.saveProduct);
  // A new product's price starts empty, not 0.00: typing into "0.00" gave 0.005 -> ¥0.01.
  const initialValues: Partial<ProductForm> = product
    ? {
        name: product.name,
        unit: product.unit,
        price: fenToYuan(product.priceFen),
        ...product.dailyUse,
        leadDays: product.leadDays,
        seasonPreset: product.seasonPreset,
        ...containerFormValues(product),
      }
    : { name: '', unit: 'kg', adult: 0, child: 0, senior: 0, leadDays: 3, seasonPreset: 'none', ...containerFormValues(null) };

  async function save() {
    const v = await form.validateFields();
    try {
      const saved = await saveProduct(product?.id ?? null, {
        name: v.name,
        unit: v.unit,
        priceFen: yuanToFen(v.price),
        dailyUse: { adult: v.adult, child: v.child, senior: v.senior },
        leadDays: v.leadDays,
        seasonPreset: v.seasonPreset,
        ...containerDraft(v),
      });
      void message.success(t('products.saved', { name: saved.name }));
      onClose();
    } catch (error) {
      if (!showFieldErrors(form, t, error, ['draft'], ['name'])) void message.error(errorText(t, error));
    }
  }

  const { run: saveOnce, busy: saving } = useSingleSubmit(save);
  const required = [requiredRule(t)];
  // With no daily use at all, no household's run-out can ever be forecast: said under the first field.
  const someUse: Rule = ({ getFieldValue }) => ({
    validator: () =>
      (['adult', 'child', 'senior'] as const).some((k) => Number(getFieldValue(k)) > 0)
        ? Promise.resolve()
        : Promise.reject(new Error(t('products.noDailyUse'))),
  });
  const use = (name: 'adult' | 'child' | 'senior') => (
    <Col span={8}>
      <Form.Item
        name={name}
        label={t(`products.${name}`)}
        rules={name === 'adult' ? [...required, someUse] : required}
        dependencies={name === 'adult' ? ['child', 'senior'] : []}
      >
        <InputNumber min={0} max={1000} step={0.01} className="full-width" />
      </Form.Item>
    </Col>
  );
  return (
    <Modal
      open
      title={product ? t('products.edit') : t('products.new')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={saveOnce}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<ProductForm> form={form} layout="vertical" initialValues={initialValues}>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="name" label={t('products.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
              <Input autoFocus maxLength={LIMITS.productName} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="unit" label={t('products.unit')} rules={required}>
              <Select options={units.map((u) => ({ value: u, label: t(`products.units.${u}`) }))} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="price" label={t('products.price')} rules={positiveNumberRules(t)}>
              <InputNumber min={0} precision={2} className="full-width" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>{t('products.dailyUse')}</Typography.Text>
        <Typography.Paragraph type="secondary">{t('products.dailyUseHelp')}</Typography.Paragraph>
        <Row gutter={12}>
          {use('adult')}
          {use('child')}
          {use('senior')}
        </Row>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="leadDays" label={t('products.leadDays')} rules={required}>
              <InputNumber min={0} max={60} precision={0} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="seasonPreset" label={t('products.season')} extra={t('products.seasonHelp')}>
              <Select options={seasonPresets.map((s) => ({ value: s, label: t(`products.seasons.${s}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        <ProductContainerFields />
      </Form>
    </Modal>
  );
}

export function ProductsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const products = useAppStore((s) => s.products);
  const includeArchived = useAppStore((s) => s.includeArchivedProducts);
  const setIncludeArchived = useAppStore((s) => s.setIncludeArchivedProducts);
  const setProductArchived = useAppStore((s) => s.setProductArchived);
  const applyLearnedRates = useAppStore((s) => s.applyLearnedRates);
  const [editing, setEditing] = useState<Product | 'new' | null>(null);

  async function applyLearned(product: Product) {
    try {
      await applyLearnedRates(product.id);
      void message.success(t('products.appliedLearned', { name: product.name }));
    } catch (error) {
      void message.error(errorText(t, error));
    }
  }

  async function toggleArchived(product: Product) {
    try {
      await setProductArchived(product.id, product.archivedAt === null);
    } catch (error) {
      void message.error(errorText(t, error));
    }
  }

  const perDay = (value: number, unit: Unit) => `${value} ${t(`products.units.${unit}`)}`;
  return (
    <Flex vertical gap={16} className="page">
      <Flex justify="space-between" align="center">
        <Typography.Title level={3}>{t('products.title')}</Typography.Title>
        <Flex gap={12} align="center">
          <Checkbox checked={includeArchived} onChange={(e) => void setIncludeArchived(e.target.checked)}>
            {t('products.showArchived')}
          </Checkbox>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('products.new')}
          </Button>
        </Flex>
      </Flex>
      {products
        .filter((p) => p.archivedAt === null && offersLearnedRates(p.learned))
        .map((p) => (
          <Alert
            key={p.id}
            type="info"
            showIcon
            title={t('products.learnedRates', { name: p.name, factor: p.learned.ownFactor.toFixed(1), households: p.learned.households })}
            action={
              <Button size="small" onClick={() => void applyLearned(p)}>
                {t('products.applyLearned')}
              </Button>
            }
          />
        ))}
      <Table<Product>
        rowKey="id"
        size="middle"
        className="products-table"
        dataSource={products}
        pagination={false}
        columns={[
          {
            title: t('products.name'),
            dataIndex: 'name',
            render: (name: string, p) => (
              <Flex gap={4} wrap align="center">
                <Typography.Text strong className="products-name">
                  {name}
                </Typography.Text>
                {p.seasonPreset !== 'none' && <Tag>{t(`products.seasons.${p.seasonPreset}`)}</Tag>}
                {p.container && <Tag>{t('containers.product.tag', { name: t(`containers.types.${p.container}`), amount: money(p.depositFen) })}</Tag>}
                {p.archivedAt && <Tag>{t('products.archivedTag')}</Tag>}
              </Flex>
            ),
          },
          { title: t('products.unit'), dataIndex: 'unit', render: (u: Unit) => t(`products.units.${u}`) },
          { title: t('products.price'), dataIndex: 'priceFen', align: 'right', render: (fen: number) => money(fen) },
          {
            // One header over the three: "每人每天用量 · 大人" over one column broke a character per line at 1024 px.
            title: t('products.dailyUse'),
            align: 'center',
            children: (['adult', 'child', 'senior'] as const).map((who) => ({
              title: t(`products.${who}`),
              key: who,
              align: 'right' as const,
              render: (_: unknown, p: Product) => perDay(p.dailyUse[who], p.unit),
            })),
          },
          { title: t('products.leadDays'), dataIndex: 'leadDays', align: 'right' },
          {
            key: 'actions',
            render: (_, p) => (
              // Wraps rather than widen the table past a small window (large text, a product with tags).
              <Flex wrap>
                <Button type="link" icon={<EditOutlined />} onClick={() => setEditing(p)}>
                  {t('common.edit')}
                </Button>
                {p.archivedAt ? (
                  <Button type="link" onClick={() => void toggleArchived(p)}>
                    {t('products.restore')}
                  </Button>
                ) : (
                  // Stopping a product takes its reminders off the call list: said before it happens.
                  <Popconfirm
                    title={t('products.archiveConfirm', { name: p.name })}
                    description={t('products.archiveConfirmDetail')}
                    okText={t('products.archive')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => toggleArchived(p)}
                  >
                    <Button type="link">{t('products.archive')}</Button>
                  </Popconfirm>
                )}
              </Flex>
            ),
          },
        ]}
      />
      {editing && <ProductDialog product={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Flex>
  );
}
