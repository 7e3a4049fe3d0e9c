/** Turns backend errors into the user's language: a sentence for the error, a note per field. */
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import type { ErrorInfo, FieldIssue } from '../../../shared/errors.ts';
import { ApiError } from '../api/client.ts';
import { hasKey } from '../i18n/keys.ts';
import { zhCN } from '../i18n/zh-CN.ts';

export function errorInfoOf(error: unknown): ErrorInfo {
  if (error instanceof ApiError) return error.info;
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

export function errorText(t: TFunction, error: unknown): string {
  return t(`errors.${errorInfoOf(error).code}`);
}

/** A field issue in words; an issue this version has no text for is 'validation.other'. */
export function issueText(t: TFunction, issue: Pick<FieldIssue, 'issue' | 'limit'>, isText: boolean): string {
  const key = isText && (issue.issue === 'too_big' || issue.issue === 'too_small') ? `${issue.issue}_text` : issue.issue;
  return hasKey(zhCN.validation, key) ? t(`validation.${key}`, { limit: issue.limit }) : t('validation.other');
}

/**
 * Puts each field issue under its form field. `dropPrefix` removes the part of the path that is the
 * call's envelope (e.g. 'draft'). Returns false when the error had no field issues to show.
 */
export function showFieldErrors(form: FormInstance, t: TFunction, error: unknown, dropPrefix: string[] = [], textFields: string[] = []): boolean {
  const info = errorInfoOf(error);
  if (info.code !== 'VALIDATION' || !info.issues?.length) return false;
  const fields = info.issues.map((issue) => {
    const name = issue.path.slice(dropPrefix.length);
    return { name, errors: [issueText(t, issue, textFields.includes(String(name[0])))] };
  });
  form.setFields(fields.filter((f) => f.name.length > 0));
  return true;
}
