import type { TFunction } from 'i18next';
import { collectionOutcomes } from '../../../../shared/contract.ts';
import { isOneOf } from '../../i18n/keys.ts';

/** A collection visit's outcome in words; one this version does not know is shown as stored. */
export function collectionOutcomeText(t: TFunction, outcome: string): string {
  return isOneOf(collectionOutcomes, outcome) ? t(`credit.outcomes.${outcome}`) : outcome;
}
