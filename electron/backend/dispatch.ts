/**
 * The one gate between the outside (Electron IPC, the browser shell's HTTP) and the services:
 * look the call up in the contract, parse its input, run the handler, wrap the result in an envelope.
 * Nothing reaches a service without passing through here, and nothing throws past here.
 */
import { z } from 'zod';
import { contract, isCallName, type CallName, type CallOutput, type ParsedInput } from '../../shared/contract.ts';
import { AppError, errorInfoOf, type Envelope, type FieldIssue } from '../../shared/errors.ts';

export type Handler<N extends CallName> = (input: ParsedInput<N>) => CallOutput<N>;
export type Handlers = { [N in CallName]: Handler<N> };
/** One area's handlers: exactly its calls (`<area>.<verb>`), each typed by the contract. */
export type AreaHandlers<A extends string> = { [N in CallName as N extends `${A}.${string}` ? N : never]: Handler<N> };
export type Dispatch = (name: unknown, input: unknown) => Envelope<unknown>;

/**
 * The field issues an error answer lists at most: a form has a few dozen fields, and a hostile list of
 * 100,000 bad entries once made a 16.7 MB answer.
 */
export const MAX_LISTED_ISSUES = 50;

export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.slice(0, MAX_LISTED_ISSUES).map((issue) => {
    const field: FieldIssue = { path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), issue: issue.code };
    if (issue.code === 'custom') field.issue = issue.message;
    if (issue.code === 'too_big') field.limit = Number(issue.maximum);
    if (issue.code === 'too_small') field.limit = Number(issue.minimum);
    return field;
  });
}

export interface DispatchOptions {
  /** Parse outputs too: on in tests, so a service can never drift from the contract unnoticed. */
  validateOutput?: boolean;
  onInternalError?: (name: string, error: unknown) => void;
}

export function createDispatch(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return (name, input) => {
    if (!isCallName(name)) {
      const shown = typeof name === 'string' ? name.slice(0, 80) : typeof name;
      return { ok: false, error: { code: 'UNKNOWN_CALL', message: `unknown call: ${shown}` } };
    }
    const spec = contract[name];
    try {
      // Inside the try: reading a hostile input (a throwing getter, a Proxy) must not throw past the gate.
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) {
        return { ok: false, error: { code: 'VALIDATION', message: `invalid input for ${name}`, issues: issuesOf(parsed.error) } };
      }
      const handler = handlers[name] as (input: unknown) => unknown;
      const data = handler(parsed.data);
      if (options.validateOutput) (spec.output as z.ZodType).parse(data);
      return { ok: true, data };
    } catch (error) {
      if (!(error instanceof AppError)) options.onInternalError?.(name, error);
      return { ok: false, error: errorInfoOf(error) };
    }
  };
}
