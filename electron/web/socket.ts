/**
 * The browser shell's quick way for calls: one WebSocket per page, each message `{id, name, input}`
 * answered by `{id, envelope}`. A fetch per call cost the page 6-12 ms in Chromium on a busy 2-core
 * machine (a new request through the network service each time) against 1-3 ms for a message on an open
 * socket: most of a keystroke's budget. Calls may be answered out of order; the backend host still
 * answers them one at a time. HTTP POST /api/<call> stays for big bodies (the renderer sends calls over
 * SOCKET_MAX_CALL_CHARS there) and while a page's socket is not open.
 *
 * The protocol is the `ws` package's (framing, masking, fragments, pings, the close handshake, the size
 * limit): the server decides only who may open a socket (server.ts) and what a message means (here).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Envelope } from '../../shared/errors.ts';

/** A message larger than this closes the socket (1009): past the renderer's SOCKET_MAX_CALL_CHARS, as UTF-8. */
export const SOCKET_MAX_MESSAGE_BYTES = 256 * 1024;

/** Refuses an upgrade with a plain HTTP status before any WebSocket byte is sent. */
export function refuseUpgrade(socket: Duplex, status: 400 | 403) {
  socket.end(`HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Bad Request'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export interface CallSockets {
  /** Completes the handshake of an upgrade request already found allowed, then serves its calls. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Ends every open socket (the shell is closing). */
  close(): void;
}

/**
 * The sockets of one shell, answering every call message with `dispatch`. A message that is not a call
 * (binary, not JSON, no numeric id) closes its socket (1003/1007/1008): only our renderer speaks here,
 * and it never sends one.
 */
export function callSockets(dispatch: (name: unknown, input: unknown) => Promise<Envelope<unknown>>): CallSockets {
  // No compression: the messages are small, and inflating them would cost more than it saves on 127.0.0.1.
  const server = new WebSocketServer({ noServer: true, maxPayload: SOCKET_MAX_MESSAGE_BYTES, perMessageDeflate: false });
  server.on('connection', (ws) => {
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(1003);
      let message: { id?: unknown; name?: unknown; input?: unknown };
      try {
        message = JSON.parse(String(data)) as typeof message;
      } catch {
        return ws.close(1007);
      }
      const { id } = message;
      if (typeof id !== 'number') return ws.close(1008);
      void dispatch(message.name, message.input ?? {}).then((envelope) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, envelope }));
      });
    });
  });
  return {
    accept(req, socket, head) {
      server.handleUpgrade(req, socket, head, (ws) => server.emit('connection', ws, req));
    },
    close() {
      for (const ws of server.clients) ws.terminate();
      server.close();
    },
  };
}
