import type { TFunction } from 'i18next';
import { collectionOutcomes } from '../../../../shared/contract.ts';
import { isOneOf } from '../../i18n/keys.ts';

const knownOutcomes = [...collectionOutcomes, 'message'] as const;

/** A collection visit's outcome in words (or a message sent); one this version does not know is shown as stored. */
export function collectionOutcomeText(t: TFunction, outcome: string): string {
  return isOneOf(knownOutcomes, outcome) ? t(`credit.outcomes.${outcome}`) : outcome;
}
