/** Form rules shared by the dialogs, in the user's language. */
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { oneYearAfter } from '../../../shared/domain/dates.ts';

export const requiredRule = (t: TFunction): Rule => ({ required: true, message: t('validation.required') });

/**
 * Required and more than 0. A `min` on the InputNumber alone would turn a typed 0 into the minimum
 * (0 became ¥0.01 received, 0.01 L sold) without a word.
 */
export const positiveNumberRules = (t: TFunction): Rule[] => [
  requiredRule(t),
  { validator: (_rule, value: unknown) => (typeof value !== 'number' || value > 0 ? Promise.resolve() : Promise.reject(new Error(t('validation.positive')))) },
];

/** For a date picker's disabledDate: a day past a year from `today`, which the backend refuses. */
export const isBeyondReach = (day: Dayjs, today: string) => day.isAfter(dayjs(oneYearAfter(today)), 'day');
