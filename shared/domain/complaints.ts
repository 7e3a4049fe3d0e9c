/**
 * A complaint's life: the steps that may follow each status, and the status after the steps standing.
 * The backend refuses a step the status does not allow; the screen offers only those.
 */
import type { ComplaintStatus } from '../contract/complaints.ts';

export type ComplaintAction = 'handled' | 'closed' | 'followed_up' | 'reopened';

/** A complaint should be answered the same day or the next: past this it is overdue. */
export const RESPONSE_HOURS = 24;

/** Which step may follow which status: a closed complaint is followed up or reopened, never handled again. */
export const STEPS_ALLOWED: Record<ComplaintStatus, readonly ComplaintAction[]> = {
  open: ['handled', 'closed'],
  handled: ['closed', 'reopened'],
  closed: ['followed_up', 'reopened'],
};

/** The status after the steps standing, oldest first. A follow-up leaves a closed complaint closed. */
export function statusAfter(actions: readonly ComplaintAction[]): ComplaintStatus {
  let status: ComplaintStatus = 'open';
  for (const action of actions) {
    if (action === 'handled') status = 'handled';
    else if (action === 'closed') status = 'closed';
    else if (action === 'reopened') status = 'open';
  }
  return status;
}
