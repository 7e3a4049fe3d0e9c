import { UNIT_LABELS } from '../../../shared/domain/labels.ts';
import type { EnglishOf } from './englishShape.ts';
import type { productsZhCN } from './products.zh-CN.ts';

/** The products area's words (en). */
export const productsEn: EnglishOf<typeof productsZhCN> = {
  title: 'Products',
  new: 'New product',
  edit: 'Edit product',
  name: 'Name',
  unit: 'Unit',
  price: 'Unit price (yuan)',
  dailyUse: 'Daily use per person',
  dailyUseHelp: 'Used to estimate how long a purchase lasts; adjust to your customers',
  noDailyUse: 'At least one must be more than 0, or no run-out date can be forecast',
  adult: 'Adult',
  child: 'Child',
  senior: 'Senior',
  leadDays: 'Remind days ahead',
  archive: 'Stop selling',
  restore: 'Restore',
  showArchived: 'Show stopped products',
  archivedTag: 'Stopped',
  archiveConfirm: 'Stop selling “{{name}}”?',
  archiveConfirmDetail: 'Its households are no longer reminded of it. Restoring it reminds them again from their purchases.',
  saved: 'Saved “{{name}}”',
  season: 'Season',
  seasonHelp: 'Once there are sales, your own adjust it',
  seasons: { none: 'Same all year', winter: 'More in winter', summer: 'More in summer' },
  learnedRates: 'Your households use about {{factor}}× the guideline {{name}} ({{households}} households’ purchases); reminders already count on it.',
  applyLearned: 'Use this amount',
  appliedLearned: 'Daily use of “{{name}}” set from your households',
  units: {
    ...UNIT_LABELS.en,
    bucket_other: 'buckets',
    bottle_other: 'bottles',
    cylinder_other: 'cylinders',
  },
};
