/**
 * Compiled by `npm run typecheck`, never run. Each line under a @ts-expect-error must fail to compile
 * (else the directive itself is an error): a misspelt or missing key, a key built from a code that
 * may have no text, and an error code without a text in either language all fail the typecheck.
 */
import type { TFunction } from 'i18next';
import type { Unit } from '../../shared/contract.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import { en } from '../../renderer/src/i18n/en.ts';
import { zhCN } from '../../renderer/src/i18n/zh-CN.ts';

declare const t: TFunction;
declare const code: ErrorCode;
declare const unit: Unit;
declare const stored: string;
type WithNewCode = ErrorCode | 'NEW_CODE';
declare const newCode: WithNewCode;

export const fine = [t('customers.new'), t(`errors.${code}`), t(`products.units.${unit}`, { count: 2 })];

export const misspelt = [
  // @ts-expect-error: no such key
  t('customers.nwe'),
  // @ts-expect-error: a section is not a text
  t('customers'),
  // @ts-expect-error: a default value does not excuse an unknown key (strictKeyChecks)
  t('customers.nwe', { defaultValue: 'new' }),
];

export const builtFromData = [
  // @ts-expect-error: a stored string may be any code: narrow it first (renderer/src/i18n/keys.ts)
  t(`credit.outcomes.${stored}`),
  // @ts-expect-error: an error code added to shared/errors.ts without a translation
  t(`errors.${newCode}`),
];

// Every error code has a text in both languages (zh-CN's section is `satisfies Record<ErrorCode, string>`,
// and English has every key Chinese has).
export const zhErrors: Record<ErrorCode, string> = zhCN.errors;
export const enErrors: Record<ErrorCode, string> = en.errors;
// @ts-expect-error: a new code without a text
export const zhMissing: Record<WithNewCode, string> = zhCN.errors;
// @ts-expect-error: a new code without a text
export const enMissing: Record<WithNewCode, string> = en.errors;
