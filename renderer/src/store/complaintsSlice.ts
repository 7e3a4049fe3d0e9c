import type { StateCreator } from 'zustand';
import type { ApiClient, Complaint, ComplaintDraftInput, ComplaintList, ComplaintStep } from '../../../shared/contract.ts';
import { whenBookChanged } from './bookChanges.ts';
import type { AppState } from './types.ts';

export type ComplaintFilter = 'open' | 'handled' | 'closed' | 'all';

export interface ComplaintsSlice {
  complaints: ComplaintList | null;
  complaintFilter: ComplaintFilter;
  /** Complaints nobody handled within a day (Today's notice). */
  complaintsOverdue: number;
  /** That count again, when the book changed since it was asked. */
  refreshComplaintsOverdue(): Promise<void>;
  loadComplaints(filter?: ComplaintFilter): Promise<void>;
  recordComplaint(draft: ComplaintDraftInput): Promise<Complaint>;
  /** A step, then the list again (the complaint may leave the filter it was under). */
  stepComplaint(step: ComplaintStep): Promise<Complaint>;
  undoComplaintStep(complaintId: number): Promise<Complaint>;
}

export const createComplaintsSlice =
  (api: ApiClient): StateCreator<AppState, [], [], ComplaintsSlice> =>
  (set, get) => ({
    complaints: null,
    complaintFilter: 'open',
    complaintsOverdue: 0,
    refreshComplaintsOverdue: whenBookChanged(api, async () => set({ complaintsOverdue: (await api['complaints.list']({ status: 'open' })).overdueTotal })),
    async loadComplaints(filter = get().complaintFilter) {
      set({ complaintFilter: filter });
      const complaints = await api['complaints.list']({ status: filter });
      // A later filter's answer wins over an earlier one that arrives after it.
      if (get().complaintFilter === filter) set({ complaints });
    },
    async recordComplaint(draft) {
      const complaint = await api['complaints.record'](draft);
      await get().loadComplaints();
      return complaint;
    },
    async stepComplaint(step) {
      const complaint = await api['complaints.step'](step);
      await get().loadComplaints();
      return complaint;
    },
    async undoComplaintStep(complaintId) {
      const complaint = await api['complaints.undoStep']({ complaintId });
      await get().loadComplaints();
      return complaint;
    },
  });
