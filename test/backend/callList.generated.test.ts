/**
 * A generated book of 1000 households (the demo generator, loaded through the real services) on
 * mornings when nobody works the list: every reminder that becomes due that day is among the rows the
 * Today screen shows (the day's work), however long the backlog. With the first Today (the 200 oldest
 * due rows, lapsed after 30 days) issue 16 measured 14.6 % of them shown at 1000 households. Read here
 * in pages of 10 (the screen reads 200 at a time as it scrolls), so that more became due in a day than
 * one page holds, as at 100,000 households (14,000 due in a day, in pages of 200: the bench).
 */
import { afterEach, expect, it } from 'vitest';
import { generateDemoShop } from '../../shared/domain/demoShop.ts';
import { addDays } from '../../shared/domain/dates.ts';
import { CALL_LIST_DAYS, CALL_LIST_ROWS, reminderKey } from '../../renderer/src/store/callListSlice.ts';
import { makeBackend, movableClock, PINNED_TODAY, type TestBackend } from './helpers.ts';

/** Rows a page: fewer than become due in a day here. */
const PAGE = 10;

let b: TestBackend | undefined;
afterEach(() => b?.dispose());

it('a reminder becoming due today is among the rows Today shows, at 1000 households, morning after morning', { timeout: 120_000 }, () => {
  const clock = movableClock(PINNED_TODAY);
  b = makeBackend({ now: clock.now });
  b.services.shop.load(generateDemoShop({ households: 1000, endDate: PINNED_TODAY, days: 240 }), 'zh-CN');
  const becameDue = b.context.db.prepare<[string], { customer_id: number; product_id: number }>(
    `SELECT r.customer_id, r.product_id FROM reminders r JOIN customers c ON c.id = r.customer_id
     WHERE r.status = 'open' AND coalesce(r.snoozed_until, r.due_date) = ? AND c.archived_at IS NULL`,
  );
  let fresh = 0;
  let backlogged = 0;
  let most = 0;
  for (let day = 0; day < 5; day++) {
    const today = addDays(PINNED_TODAY, day);
    clock.setToday(today);
    const list = b.call('callList.list', { days: CALL_LIST_DAYS, limit: CALL_LIST_ROWS, dueLimit: PAGE });
    const rows = [...list.due];
    // As the screen scrolls through the day's work, then on through everything due ("show all").
    for (let next = list.dueNext; next;) {
      const page = b.call('callList.due', { after: next, limit: PAGE });
      rows.push(...page.rows);
      next = page.next;
    }
    const keys = rows.map(reminderKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(rows).toHaveLength(list.dueTotal);
    const shown = new Set(keys.slice(0, list.dueShown));
    const due = becameDue.all(today).map((r) => reminderKey({ customerId: r.customer_id, productId: r.product_id }));
    expect(due.filter((key) => !shown.has(key))).toEqual([]);
    // The day's work stays the shop's daily calls unless more than that became due today.
    expect(list.dueShown).toBeLessThanOrEqual(Math.max(30, due.length));
    fresh += due.length;
    most = Math.max(most, due.length);
    if (list.dueTotal > list.dueShown) backlogged++;
  }
  // It means something: reminders did become due, on mornings with more due than the day's work.
  expect(fresh).toBeGreaterThan(20);
  expect(backlogged).toBeGreaterThan(0);
  expect(most).toBeGreaterThan(PAGE);
});
