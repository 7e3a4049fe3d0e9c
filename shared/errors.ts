/**
 * Error codes and the result envelope every backend call returns.
 * The renderer translates `errors.<code>` (and `validation.<issue>` for field issues), so a code is
 * a promise to the UI: add a translation whenever you add one.
 */
export const errorCodes = [
  'VALIDATION',
  'UNKNOWN_CALL',
  'NOT_FOUND',
  'DUPLICATE_PHONE',
  'ALREADY_VOIDED',
  'NOT_VOIDED',
  // A payment's void undone: the payment is not voided, or was voided with its slip (undo the slip, not the payment)
  'PAYMENT_NOT_VOIDED',
  'SALE_ON_SLIP',
  'PAYMENT_VOIDED_WITH_SLIP',
  'UNDO_SUPERSEDED',
  // A complaint's step that does not follow its status (handling a closed complaint)
  'COMPLAINT_STEP_NOT_ALLOWED',
  // The gas cylinder register: a serial not registered, or registered twice; a cylinder issued while
  // held, returned while in the shop, or going out past its scrap or inspection date; an override of no hold
  'CYLINDER_UNKNOWN',
  'CYLINDER_SERIAL_TAKEN',
  'CYLINDER_ALREADY_HELD',
  'CYLINDER_NOT_HELD',
  'CYLINDER_OUT_OF_DATE',
  'GAS_NO_HOLD',
  // Membership: the member price for a household that is no member; more points than held, or worth the
  // whole slip; a paid membership before the owner set its price and length
  'NOT_A_MEMBER',
  'POINTS_NOT_ENOUGH',
  'POINTS_OVER_TOTAL',
  'MEMBERSHIP_NOT_OFFERED',
  // Prepaid plans: spending or refunding more tickets or stored value than the household holds; selling a retired plan
  'PREPAID_NOT_ENOUGH',
  'PREPAID_PLAN_ARCHIVED',

  // Containers: voiding a slip whose containers or deposits later slips rest on (empties back, refunds)
  'CONTAINERS_VOID_CONFLICT',
  'BOOK_NOT_EMPTY',
  'DB_NEWER_THAN_APP',
  'DB_FOREIGN',
  'UNAUTHORIZED',
  'PAYLOAD_TOO_LARGE',
  'TRANSPORT',
  'INTERNAL',
  // The backend's process stopped: restarted (the call was cut off), or not again (it kept stopping)
  'BACKEND_RESTARTED',
  'BACKEND_STOPPED',
  // Backups, restore, import and export (issue 4)
  'BACKUP_TARGET_MISSING',
  'BACKUP_TARGET_READONLY',
  'BACKUP_TARGET_FULL',
  'BACKUP_FAILED',
  'BACKUP_IN_PROGRESS',
  'JOB_NOT_FOUND',
  'RESTORE_FILE_MISSING',
  'RESTORE_NOT_SQLITE',
  'RESTORE_CORRUPT',
  'RESTORE_FOREIGN',
  'RESTORE_BOOK_IN_USE',
  'RESTORE_FAILED',
  'IMPORT_FILE_MISSING',
  'IMPORT_UNREADABLE',
  'IMPORT_INVALID_ROWS',
  'IMPORT_NO_NAME_COLUMN',
  'EXPORT_FAILED',
  // The browser shell's picker
  'FOLDER_UNAVAILABLE',
  'FOLDER_NOT_OFFERED',
  // Products: "apply" the households' learned use when too few households show it (issue 16)
  'NOTHING_LEARNED',
  // The day's close: cash counted for a day that has not come yet
  'DAY_NOT_YET',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** One problem with one field of an input, e.g. `{ path: ['draft', 'adults'], issue: 'too_big', limit: 30 }`. */
export interface FieldIssue {
  path: (string | number)[];
  issue: string;
  limit?: number | string;
}

export interface ErrorInfo {
  code: ErrorCode;
  /** English, for logs and developers; the UI shows the translation of `code`. */
  message: string;
  issues?: FieldIssue[];
  /** Structured facts the UI may show, e.g. the existing customers with the same phone. */
  details?: Record<string, unknown>;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorInfo };

/** Thrown by services for expected failures; dispatch turns it into an envelope. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[] | undefined;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, extra: { issues?: FieldIssue[]; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.issues = extra.issues;
    this.details = extra.details;
  }
  /** The error an envelope (or a message from another thread or process) carries, thrown again on this side. */
  static fromInfo(info: ErrorInfo): AppError {
    return new AppError(info.code, info.message, { ...(info.issues ? { issues: info.issues } : {}), ...(info.details ? { details: info.details } : {}) });
  }
  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message };
    if (this.issues) info.issues = this.issues;
    if (this.details) info.details = this.details;
    return info;
  }
}

/** Any thrown value as the envelope's error: an AppError as it is, anything else under `fallback` with its message. */
export function errorInfoOf(error: unknown, fallback: ErrorCode = 'INTERNAL'): ErrorInfo {
  if (error instanceof AppError) return error.toInfo();
  return { code: fallback, message: error instanceof Error ? error.message : String(error) };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}
