/**
 * The renderer's only way to the backend: a typed client built from the contract, over whichever
 * transport the shell provides (Electron's preload bridge, or HTTP to the browser shell).
 */
import { callNames, type ApiClient, type CallName } from '../../../shared/contract.ts';
import type { Envelope, ErrorInfo } from '../../../shared/errors.ts';
import { TOKEN_HEADER, TOKEN_META } from '../../../shared/shellConstants.ts';

export type Transport = (name: CallName, input: unknown) => Promise<Envelope<unknown>>;

export class ApiError extends Error {
  readonly info: ErrorInfo;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'ApiError';
    this.info = info;
  }
  get code() {
    return this.info.code;
  }
}

export function createApiClient(transport: Transport): ApiClient {
  const client: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of callNames) {
    client[name] = async (input: unknown) => {
      const result = await transport(name, input);
      if (!result.ok) throw new ApiError(result.error);
      return result.data;
    };
  }
  return client as ApiClient;
}

/** HTTP to the browser shell on 127.0.0.1, with the per-launch token the page was served with. */
export function httpTransport(token: string, fetchImpl: typeof fetch = fetch.bind(globalThis)): Transport {
  return async (name, input) => {
    try {
      const response = await fetchImpl(`/api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(input ?? {}),
      });
      return (await response.json()) as Envelope<unknown>;
    } catch (error) {
      return { ok: false, error: { code: 'TRANSPORT', message: error instanceof Error ? error.message : String(error) } };
    }
  };
}

interface BridgeWindow {
  huitou?: { call(name: string, input: unknown): Promise<Envelope<unknown>> };
}

/** Electron's preload bridge when present, otherwise the browser shell's HTTP API. */
export function detectTransport(win: Window & BridgeWindow = window as Window & BridgeWindow): Transport {
  const bridge = win.huitou;
  if (bridge) return (name, input) => bridge.call(name, input);
  const token = win.document.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META}"]`)?.content ?? '';
  return httpTransport(token);
}
