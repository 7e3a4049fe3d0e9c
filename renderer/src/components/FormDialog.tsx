/** The recording dialogs' frame (a sale, a payment, a call, a snooze): one form, OK or Enter saves it once. */
import { Form, Modal, type FormInstance, type FormProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface FormDialogProps<Values> {
  title: ReactNode;
  okText: string;
  onClose: () => void;
  /** From useSingleSubmit: OK goes through it, and so does Enter (see `enterSaves`). */
  submitting: { run: () => void; busy: boolean };
  form: FormInstance<Values>;
  initialValues: FormProps<Values>['initialValues'];
  onValuesChange?: FormProps<Values>['onValuesChange'];
  labelSpan?: number;
  width?: number;
  /** Enter in the form saves (but in a text area); false where the dialog listens for its keys itself. */
  enterSaves?: boolean;
  /** Under the form, inside the dialog (a hint). */
  footnote?: ReactNode;
  children: ReactNode;
}

export function FormDialog<Values>({
  title,
  okText,
  onClose,
  submitting: { run, busy },
  form,
  initialValues,
  onValuesChange,
  labelSpan = 7,
  width,
  enterSaves = true,
  footnote,
  children,
}: FormDialogProps<Values>) {
  const { t } = useTranslation();
  return (
    <Modal open title={title} okText={okText} cancelText={t('common.cancel')} confirmLoading={busy} onOk={run} onCancel={onClose} destroyOnHidden width={width}>
      <Form<Values>
        form={form}
        layout="horizontal"
        labelCol={{ span: labelSpan }}
        initialValues={initialValues}
        onValuesChange={onValuesChange}
        onKeyDown={(e) => {
          if (enterSaves && e.key === 'Enter' && !(e.target instanceof HTMLTextAreaElement) && !e.defaultPrevented) {
            e.preventDefault();
            run();
          }
        }}
      >
        {children}
      </Form>
      {footnote}
    </Modal>
  );
}
