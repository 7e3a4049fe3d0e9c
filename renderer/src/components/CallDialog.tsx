/**
 * The dialog after a call, Today's (a household's product) and Collections' (what it owes): the same
 * frame, so both look and answer the keys the same way. 1–N pick the outcome wherever the focus is,
 * Enter logs the call, the note is last, the keys are said under the form.
 */
import { Form, Input, Radio, Typography, type FormInstance, type FormProps } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/contract.ts';
import { FormDialog } from './FormDialog.tsx';

/** Typing into a field (a radio button is not typing: digits still choose the outcome). */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !['radio', 'checkbox', 'button'].includes(target.type);
  return target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/** OK and Cancel keep their own Enter; any other place in the dialog (its close button included) logs the call. */
function isFooterButton(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('.ant-modal-footer') !== null;
}

interface CallDialogProps<Values extends { outcome: Outcome }, Outcome extends string> {
  title: ReactNode;
  form: FormInstance<Values>;
  onClose: () => void;
  submitting: { run: () => void; busy: boolean };
  initialValues: FormProps<Values>['initialValues'];
  onValuesChange?: FormProps<Values>['onValuesChange'];
  outcomes: readonly Outcome[];
  outcomeText: (outcome: Outcome) => string;
  /** Above the outcomes (what the call was about, how it was made). */
  before?: ReactNode;
  /** Between the outcomes and the note: what the outcome chosen asks for. */
  children?: ReactNode;
}

export function CallDialog<Values extends { outcome: Outcome }, Outcome extends string>({
  form,
  submitting,
  outcomes,
  outcomeText,
  before,
  children,
  ...frame
}: CallDialogProps<Values, Outcome>) {
  const { t } = useTranslation();
  const { run } = submitting;

  // On the window, not the form: wherever the focus is in the dialog, 1–N choose and Enter logs.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      const chosen = /^[1-9]$/.test(event.key) ? outcomes[Number(event.key) - 1] : undefined;
      if (chosen !== undefined && !isTextEntry(event.target)) {
        event.preventDefault();
        form.setFieldsValue({ outcome: chosen } as Parameters<typeof form.setFieldsValue>[0]);
      } else if (event.key === 'Enter' && !event.defaultPrevented && !(event.target instanceof HTMLTextAreaElement) && !isFooterButton(event.target)) {
        // Also when the focus landed on the dialog's close button on opening: Enter means "log it".
        event.preventDefault();
        run();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [form, run, outcomes]);

  return (
    <FormDialog<Values>
      {...frame}
      form={form}
      submitting={submitting}
      okText={t('callList.callDialog.save')}
      width={520}
      enterSaves={false}
      footnote={
        <Typography.Text type="secondary" className="dialog-keys-hint">
          {t('callList.callDialog.keysHint')}
        </Typography.Text>
      }
    >
      {before}
      <Form.Item name="outcome" label={t('callList.callDialog.outcome')}>
        <Radio.Group
          className="called-outcomes"
          options={outcomes.map((value, i) => ({
            value,
            label: (
              <span>
                <kbd className="kbd-inline">{i + 1}</kbd> {outcomeText(value)}
              </span>
            ),
          }))}
        />
      </Form.Item>
      {children}
      <Form.Item name="note" label={t('callList.callDialog.note')}>
        <Input maxLength={LIMITS.notes} />
      </Form.Item>
    </FormDialog>
  );
}
