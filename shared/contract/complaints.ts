/** Complaints and feedback: recorded, handled, closed, followed up; each step undoable. */
import { z } from 'zod';
import { LIMITS, businessDate, id, requiredText, text } from './common.ts';

export const complaintKinds = ['quality', 'late', 'wrong_item', 'price', 'attitude', 'other'] as const;
export const complaintKindSchema = z.enum(complaintKinds);
export type ComplaintKind = z.infer<typeof complaintKindSchema>;

export const complaintStatuses = ['open', 'handled', 'closed'] as const;
export const complaintStatusSchema = z.enum(complaintStatuses);
export type ComplaintStatus = z.infer<typeof complaintStatusSchema>;

export const complaintActions = ['handled', 'closed', 'followed_up', 'reopened'] as const;
export const complaintActionSchema = z.enum(complaintActions);

export const complaintEventSchema = z.object({
  id,
  action: complaintActionSchema,
  by: z.string(),
  note: z.string(),
  satisfied: z.boolean().nullable(),
  createdAt: z.string(),
});

export const complaintSchema = z.object({
  id,
  customerId: id,
  customerName: z.string(),
  kind: complaintKindSchema,
  said: z.string(),
  date: z.string(),
  createdAt: z.string(),
  status: complaintStatusSchema,
  /** Open past the response time (a day) with nobody having handled it. */
  overdue: z.boolean(),
  /** Hours from the complaint to its first handling, null while nobody has. */
  responseHours: z.number().nullable(),
  /** The answer to the follow-up, null when nobody asked yet. */
  satisfied: z.boolean().nullable(),
  /** The steps standing, oldest first. */
  events: z.array(complaintEventSchema),
});

export type Complaint = z.infer<typeof complaintSchema>;

export const complaintDraftSchema = z.strictObject({
  customerId: id,
  kind: complaintKindSchema,
  said: requiredText(LIMITS.notes),
  /** Omitted: today. */
  date: businessDate.optional(),
});

export type ComplaintDraftInput = z.input<typeof complaintDraftSchema>;

export const complaintStepSchema = z
  .strictObject({
    complaintId: id,
    action: complaintActionSchema,
    by: text(LIMITS.name).default(''),
    note: text(LIMITS.notes).default(''),
    /** The follow-up's answer: required for followed_up, refused otherwise. */
    satisfied: z.boolean().optional(),
  })
  .refine((s) => (s.action === 'followed_up') === (s.satisfied !== undefined), { message: 'satisfied_required', path: ['satisfied'] });

export type ComplaintStep = z.input<typeof complaintStepSchema>;

export const complaintListSchema = z.object({
  items: z.array(complaintSchema),
  openTotal: z.number(),
  overdueTotal: z.number(),
});

export type ComplaintList = z.infer<typeof complaintListSchema>;

export const complaintsCalls = {
  'complaints.record': { input: complaintDraftSchema, output: complaintSchema },
  'complaints.step': { input: complaintStepSchema, output: complaintSchema },
  /** Undoes the complaint's latest step standing (a mistaken "closed", say). */
  'complaints.undoStep': { input: z.strictObject({ complaintId: id }), output: complaintSchema },
  'complaints.list': {
    input: z.strictObject({ status: z.enum(['open', 'handled', 'closed', 'all']).default('all'), customerId: id.optional() }),
    output: complaintListSchema,
  },
} as const;
