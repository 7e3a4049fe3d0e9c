/** The people of a household, the basis of every consumption estimate. */
export const MAX_PEOPLE_PER_GROUP = 30;

export interface HouseholdPeople {
  adults: number;
  children: number;
  seniors: number;
}

export function householdSize(people: HouseholdPeople): number {
  return people.adults + people.children + people.seniors;
}

/** Payday: a day of the month, or the last day of every month (February included), or none. */
export type Payday = number | 'end' | null;

export const MONTH_END_PAYDAY = 'end' as const;
