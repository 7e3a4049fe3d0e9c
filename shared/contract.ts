/**
 * Every call the UI can make, defined once: name -> input and output schemas, one file per area
 * (shared/contract/<area>.ts, calls named `<area>.<verb>`), composed here.
 * The backend's dispatch parses each input with these schemas (the one validation gate); the
 * renderer's ApiClient type, the preload bridge and the HTTP routes are all derived from this map.
 */
import type { z } from 'zod';
import { shopCalls } from './contract/shop.ts';
import { customersCalls } from './contract/customers.ts';
import { productsCalls } from './contract/products.ts';
import { salesCalls } from './contract/sales.ts';
import { forecastsCalls } from './contract/forecasts.ts';
import { callListCalls } from './contract/callList.ts';
import { creditCalls } from './contract/credit.ts';
import { dataCalls } from './contract/data.ts';
import { ownerCalls } from './contract/owner.ts';
import { complaintsCalls } from './contract/complaints.ts';
import { gasCalls } from './contract/gas.ts';
import { membershipCalls } from './contract/membership.ts';

import { dayCloseCalls } from './contract/dayClose.ts';

import { prepaidCalls } from './contract/prepaid.ts';

import { containersCalls } from './contract/containers.ts';

import { slipsCalls } from './contract/slips.ts';

export { LIMITS, jobStateSchema, jobErrorSchema } from './contract/common.ts';
export * from './contract/shop.ts';
export * from './contract/customers.ts';
export * from './contract/products.ts';
export * from './contract/sales.ts';
export * from './contract/forecasts.ts';
export * from './contract/callList.ts';
export * from './contract/credit.ts';
export * from './contract/data.ts';
export * from './contract/owner.ts';
export * from './contract/complaints.ts';
export * from './contract/gas.ts';
export * from './contract/membership.ts';

export * from './contract/dayClose.ts';

export * from './contract/prepaid.ts';

export * from './contract/containers.ts';

export * from './contract/slips.ts';

export const contract = {
  ...shopCalls,
  ...customersCalls,
  ...productsCalls,
  ...salesCalls,
  ...forecastsCalls,
  ...callListCalls,
  ...creditCalls,
  ...dataCalls,
  ...ownerCalls,
  ...complaintsCalls,

  ...slipsCalls,

  ...gasCalls,
  ...membershipCalls,

  ...dayCloseCalls,

  ...prepaidCalls,

  ...containersCalls,
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<N extends CallName> = z.input<Contract[N]['input']>;
export type ParsedInput<N extends CallName> = z.output<Contract[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Contract[N]['output']>;

export const callNames = Object.keys(contract) as CallName[];

export function isCallName(value: unknown): value is CallName {
  return typeof value === 'string' && Object.hasOwn(contract, value);
}

/** The typed client both transports satisfy: one async function per call, rejecting with ApiError. */
export type ApiClient = { [N in CallName]: (input: CallInput<N>) => Promise<CallOutput<N>> };
