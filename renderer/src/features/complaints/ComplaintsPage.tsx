import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Empty, Flex, Form, Input, Radio, Segmented, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { complaintKinds, LIMITS, type Complaint, type ComplaintKind } from '../../../../shared/contract.ts';
import { STEPS_ALLOWED, type ComplaintAction } from '../../../../shared/domain/complaints.ts';
import { errorText, showFieldErrors } from '../../components/errors.ts';
import { FormDialog } from '../../components/FormDialog.tsx';
import { dateTime, shortDate } from '../../components/format.ts';
import { requiredRule } from '../../components/formRules.ts';
import { useSingleSubmit } from '../../components/useSingleSubmit.ts';
import type { ComplaintFilter } from '../../store/complaintsSlice.ts';
import { useAppStore } from '../../store/store.ts';
import { HouseholdPicker, type PickedHousehold } from '../customers/HouseholdPicker.tsx';

const FILTERS: ComplaintFilter[] = ['open', 'handled', 'closed', 'all'];

/** Complaints: what households said and what the shop did, newest first; overdue ones stand out. */
export function ComplaintsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useAppStore((s) => s.complaints);
  const filter = useAppStore((s) => s.complaintFilter);
  const loadComplaints = useAppStore((s) => s.loadComplaints);
  const [adding, setAdding] = useState(false);
  const [stepping, setStepping] = useState<{ complaint: Complaint; action: ComplaintAction } | null>(null);

  useEffect(() => {
    loadComplaints().catch((error: unknown) => void message.error(errorText(t, error)));
  }, [loadComplaints, message, t]);

  return (
    <Flex vertical gap={12} className="page complaints">
      <Flex align="center" gap={12} wrap>
        <Typography.Title level={3}>{t('complaints.title')}</Typography.Title>
        {list && (
          <Typography.Text type="secondary">
            {t('complaints.openCount', { count: list.openTotal })}
            {list.overdueTotal > 0 && (
              <>
                {t('common.listSeparator')}
                <Typography.Text type="danger">{t('complaints.overdueCount', { count: list.overdueTotal })}</Typography.Text>
              </>
            )}
          </Typography.Text>
        )}
        <Button type="primary" icon={<PlusOutlined />} className="complaints-new" onClick={() => setAdding(true)}>
          {t('complaints.new')}
        </Button>
      </Flex>
      <Segmented<ComplaintFilter>
        value={filter}
        options={FILTERS.map((f) => ({ value: f, label: t(`complaints.filters.${f}`) }))}
        onChange={(f) => void loadComplaints(f)}
      />
      {list && list.items.length === 0 && <Empty description={t('complaints.empty')} />}
      <ul className="complaint-list">
        {list?.items.map((c) => (
          <ComplaintRow key={c.id} complaint={c} onStep={(action) => setStepping({ complaint: c, action })} />
        ))}
      </ul>
      {adding && <NewComplaintDialog onClose={() => setAdding(false)} />}
      {stepping && <StepDialog {...stepping} onClose={() => setStepping(null)} />}
    </Flex>
  );
}

function ComplaintRow({ complaint: c, onStep }: { complaint: Complaint; onStep: (action: ComplaintAction) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const today = useAppStore((s) => s.info?.today ?? c.date);
  const undoStep = useAppStore((s) => s.undoComplaintStep);
  async function undo() {
    try {
      await undoStep(c.id);
      void message.success(t('complaints.undone', { name: c.customerName }));
    } catch (error) {
      void message.error(errorText(t, error));
    }
  }
  return (
    <li className={`complaint${c.overdue ? ' complaint-overdue' : ''}`} aria-label={`${c.customerName} ${t(`complaints.kinds.${c.kind}`)}`}>
      <Flex align="center" gap={8} wrap>
        <strong>{c.customerName}</strong>
        <Tag>{t(`complaints.kinds.${c.kind}`)}</Tag>
        <Tag color={c.status === 'open' ? 'orange' : c.status === 'handled' ? 'blue' : 'green'}>{t(`complaints.statuses.${c.status}`)}</Tag>
        {c.overdue && <Tag color="red">{t('complaints.overdue')}</Tag>}
        {c.satisfied !== null && <Tag color={c.satisfied ? 'green' : 'red'}>{t(c.satisfied ? 'complaints.satisfied' : 'complaints.unsatisfied')}</Tag>}
        <Typography.Text type="secondary" className="complaint-date">
          {shortDate(t, c.date, today)}
          {c.responseHours !== null && ` · ${t('complaints.responded', { hours: Math.max(1, Math.ceil(c.responseHours)) })}`}
        </Typography.Text>
      </Flex>
      <Typography.Paragraph className="complaint-said">{c.said}</Typography.Paragraph>
      {c.events.length > 0 && (
        <ol className="complaint-steps" aria-label={t('complaints.history')}>
          {c.events.map((e) => (
            <li key={e.id}>
              <span className="text-muted">{dateTime(t, e.createdAt, today)}</span> {t(`complaints.actions.${e.action}`)}
              {e.satisfied !== null && ` (${t(e.satisfied ? 'complaints.yes' : 'complaints.no')})`}
              {e.by && ` · ${e.by}`}
              {e.note && ` · ${e.note}`}
            </li>
          ))}
        </ol>
      )}
      <Flex gap={8} wrap>
        {STEPS_ALLOWED[c.status].map((action) => (
          <Button key={action} size="small" type={action === 'handled' || action === 'followed_up' ? 'primary' : 'default'} onClick={() => onStep(action)}>
            {t(`complaints.actions.${action}`)}
          </Button>
        ))}
        {c.events.length > 0 && (
          <Button size="small" type="link" onClick={() => void undo()}>
            {t('complaints.undoStep')}
          </Button>
        )}
      </Flex>
    </li>
  );
}

interface NewComplaintForm {
  customer: PickedHousehold | null;
  kind: ComplaintKind;
  said: string;
  date: Dayjs;
}

function NewComplaintDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewComplaintForm>();
  const record = useAppStore((s) => s.recordComplaint);
  const today = useAppStore((s) => s.info?.today);
  async function submit() {
    const v = await form.validateFields();
    try {
      const c = await record({ customerId: v.customer!.id, kind: v.kind, said: v.said, date: v.date.format('YYYY-MM-DD') });
      void message.success(t('complaints.recorded', { name: c.customerName }));
      onClose();
    } catch (error) {
      if (!showFieldErrors(form, t, error, [], ['said'])) void message.error(errorText(t, error));
    }
  }
  const submitting = useSingleSubmit(submit);
  return (
    <FormDialog<NewComplaintForm>
      title={t('complaints.newTitle')}
      okText={t('common.save')}
      onClose={onClose}
      submitting={submitting}
      form={form}
      labelSpan={6}
      width={560}
      initialValues={{ customer: null, kind: 'quality', date: dayjs(today), said: '' }}
    >
      <Form.Item name="customer" label={t('complaints.household')} rules={[requiredRule(t)]}>
        <HouseholdPicker autoFocus placeholder={t('complaints.householdSearch')} ariaLabel={t('complaints.household')} />
      </Form.Item>
      <Form.Item name="kind" label={t('complaints.kind')}>
        <Radio.Group optionType="button" options={complaintKinds.map((k) => ({ value: k, label: t(`complaints.kinds.${k}`) }))} />
      </Form.Item>
      <Form.Item name="said" label={t('complaints.said')} rules={[requiredRule(t)]}>
        <Input.TextArea maxLength={LIMITS.notes} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
      <Form.Item name="date" label={t('complaints.date')} rules={[requiredRule(t)]}>
        <DatePicker allowClear={false} className="full-width" disabledDate={(d) => !!today && d.isAfter(dayjs(today), 'day')} />
      </Form.Item>
    </FormDialog>
  );
}

interface StepForm {
  by: string;
  note: string;
  satisfied?: boolean;
}

function StepDialog({ complaint, action, onClose }: { complaint: Complaint; action: ComplaintAction; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<StepForm>();
  const step = useAppStore((s) => s.stepComplaint);
  const actionName = t(`complaints.actions.${action}`);
  async function submit() {
    const v = await form.validateFields();
    try {
      await step({ complaintId: complaint.id, action, by: v.by ?? '', note: v.note ?? '', ...(action === 'followed_up' ? { satisfied: v.satisfied } : {}) });
      void message.success(t('complaints.stepDone', { name: complaint.customerName, action: actionName }));
      onClose();
    } catch (error) {
      if (!showFieldErrors(form, t, error, [], ['by', 'note'])) void message.error(errorText(t, error));
    }
  }
  const submitting = useSingleSubmit(submit);
  return (
    <FormDialog<StepForm>
      title={t('complaints.stepTitle', { action: actionName, name: complaint.customerName })}
      okText={actionName}
      onClose={onClose}
      submitting={submitting}
      form={form}
      labelSpan={6}
      initialValues={{ by: '', note: '' }}
    >
      {action === 'followed_up' && (
        <Form.Item name="satisfied" label={t('complaints.followUpQuestion')} rules={[requiredRule(t)]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: true, label: t('complaints.yes') },
              { value: false, label: t('complaints.no') },
            ]}
          />
        </Form.Item>
      )}
      {(action === 'handled' || action === 'closed') && (
        <Form.Item name="by" label={t('complaints.by')}>
          <Input maxLength={LIMITS.name} autoFocus />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('complaints.note')}>
        <Input maxLength={LIMITS.notes} autoFocus={action === 'reopened'} />
      </Form.Item>
    </FormDialog>
  );
}
