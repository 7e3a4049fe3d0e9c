/** The product dialog's container and deposit (a bucket of water on a ¥30 deposit): one row of the form. */
import { Col, Form, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../../shared/contract.ts';
import { containerTypes, type ContainerType } from '../../../../shared/domain/containers.ts';
import { fenToYuan, yuanToFen } from '../../components/format.ts';

export interface ContainerFormValues {
  container: ContainerType | 'none';
  /** Yuan, as typed. */
  deposit: number | null;
}

export function containerFormValues(product: Product | null): ContainerFormValues {
  return { container: product?.container ?? 'none', deposit: product?.container ? fenToYuan(product.depositFen) : null };
}

export function containerDraft(v: ContainerFormValues): Pick<Product, 'container' | 'depositFen'> {
  const container = v.container === 'none' ? null : v.container;
  return { container, depositFen: container && v.deposit ? yuanToFen(v.deposit) : 0 };
}

export function ProductContainerFields() {
  const { t } = useTranslation();
  const container = Form.useWatch<ContainerFormValues['container'] | undefined>('container');
  return (
    <Row gutter={12}>
      <Col span={12}>
        <Form.Item name="container" label={t('containers.product.container')} extra={t('containers.product.containerHelp')}>
          <Select options={[{ value: 'none', label: t('containers.none') }, ...containerTypes.map((c) => ({ value: c, label: t(`containers.types.${c}`) }))]} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="deposit" label={t('containers.product.deposit')}>
          <InputNumber min={0} precision={2} className="full-width" disabled={!container || container === 'none'} />
        </Form.Item>
      </Col>
    </Row>
  );
}
