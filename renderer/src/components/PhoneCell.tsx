import type { ReactNode } from 'react';
import { formatPhone } from '../../../shared/domain/phone.ts';

/** A household's phone in a list, spaced and sized to dial from (.call-phone); `none` when there is none. */
export function PhoneCell({ phone, none = '—' }: { phone: string | null | undefined; none?: ReactNode }) {
  return phone ? <span className="call-phone">{formatPhone(phone)}</span> : <>{none}</>;
}
