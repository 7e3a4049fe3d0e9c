/**
 * The renderer's only way to the backend: a typed client built from the contract, over whichever
 * transport the shell provides (Electron's preload bridge, or HTTP to the browser shell).
 */
import { callNames, type ApiClient, type CallName } from '../../../shared/contract.ts';
import type { Envelope, ErrorInfo } from '../../../shared/errors.ts';
import { SOCKET_MAX_CALL_CHARS, SOCKET_PATH, SOCKET_TOKEN_PARAM, TOKEN_HEADER, TOKEN_META } from '../../../shared/shellConstants.ts';

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

/** What the socket needs of a WebSocket (the browser's; a test may hand in Node's). */
export type SocketOpener = (url: string) => WebSocket;

/** How long a socket that failed to open is left alone: calls go over HTTP meanwhile. */
const SOCKET_RETRY_MS = 3_000;

/**
 * The browser shell's WebSocket (electron/web/socket.ts): a message per call on one open connection,
 * where a fetch per call costs a keystroke most of its budget. Until the socket is open, for a call too
 * big for it, and after it closed, calls go over `fallback` (HTTP); it is opened again at a later call.
 * A call under way when the socket closes answers TRANSPORT, as a failed fetch does.
 */
export function socketTransport(url: string, fallback: Transport, open: SocketOpener = (u) => new WebSocket(u), now: () => number = Date.now): Transport {
  let socket: WebSocket | null = null;
  let isOpen = false;
  let lastTry = -Infinity;
  let nextId = 1;
  const waiting = new Map<number, (envelope: Envelope<unknown>) => void>();

  function connect() {
    lastTry = now();
    let current: WebSocket;
    try {
      current = open(url);
    } catch {
      return;
    }
    socket = current;
    current.onopen = () => {
      if (socket === current) isOpen = true;
    };
    current.onmessage = (event: MessageEvent) => {
      const { id, envelope } = JSON.parse(String(event.data)) as { id: number; envelope: Envelope<unknown> };
      const answer = waiting.get(id);
      waiting.delete(id);
      answer?.(envelope);
    };
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      isOpen = false;
      for (const answer of waiting.values()) answer({ ok: false, error: { code: 'TRANSPORT', message: 'the connection to the app closed' } });
      waiting.clear();
    };
  }
  connect();

  return (name, input) => {
    if (!isOpen || !socket) {
      if (!socket && now() - lastTry >= SOCKET_RETRY_MS) connect();
      return fallback(name, input);
    }
    const id = nextId++;
    const message = JSON.stringify({ id, name, input: input ?? {} });
    if (message.length > SOCKET_MAX_CALL_CHARS) return fallback(name, input);
    const sent = socket;
    return new Promise((answer) => {
      waiting.set(id, answer);
      sent.send(message);
    });
  };
}

interface BridgeWindow {
  huitou?: { call(name: string, input: unknown): Promise<Envelope<unknown>> };
}

/** Electron's preload bridge when present, otherwise the browser shell's socket (HTTP until it is open). */
export function detectTransport(win: Window & BridgeWindow = window as Window & BridgeWindow): Transport {
  const bridge = win.huitou;
  if (bridge) return (name, input) => bridge.call(name, input);
  const token = win.document.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META}"]`)?.content ?? '';
  const http = httpTransport(token);
  if (typeof WebSocket !== 'function') return http;
  const { protocol, host } = win.location;
  const url = `${protocol === 'https:' ? 'wss' : 'ws'}://${host}${SOCKET_PATH}?${SOCKET_TOKEN_PARAM}=${encodeURIComponent(token)}`;
  return socketTransport(url, http);
}
