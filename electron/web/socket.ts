/**
 * The browser shell's quick way for calls: one WebSocket per page (RFC 6455, text frames only), each
 * message `{id, name, input}` answered by `{id, envelope}`. A fetch per call cost the page 6-12 ms in
 * Chromium on a busy 2-core machine (a new request through the network service each time) against
 * 1-3 ms for a message on an open socket: most of a keystroke's budget. Calls may be answered out of
 * order; the backend host still answers them one at a time. HTTP POST /api/<call> stays for big
 * bodies (the renderer sends calls over SOCKET_MAX_CALL_CHARS there) and while a page's socket is not open.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createHash } from 'node:crypto';
import type { Envelope } from '../../shared/errors.ts';

/** A message larger than this closes the socket (1009): past the renderer's SOCKET_MAX_CALL_CHARS, as UTF-8. */
export const SOCKET_MAX_MESSAGE_BYTES = 256 * 1024;

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OP_CONTINUATION = 0x0;
const OP_TEXT = 0x1;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;
const OP_PONG = 0xa;

function frame(opcode: number, payload: Buffer): Buffer {
  const n = payload.length;
  const head = n < 126 ? Buffer.from([0x80 | opcode, n]) : n < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (n >= 126 && n < 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(n, 2);
  } else if (n >= 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(n), 2);
  }
  return Buffer.concat([head, payload]);
}

function closeFrame(code: number): Buffer {
  const payload = Buffer.alloc(2);
  payload.writeUInt16BE(code, 0);
  return frame(OP_CLOSE, payload);
}

/** Refuses an upgrade with a plain HTTP status before any WebSocket byte is sent. */
export function refuseUpgrade(socket: Duplex, status: 400 | 403) {
  socket.end(`HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Bad Request'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Completes the handshake of an upgrade request already found allowed, then answers every call message
 * with `dispatch`. A message that is not a call (not JSON, no numeric id) closes the socket (1007/1008):
 * only our renderer speaks here, and it never sends one.
 */
export function serveSocket(
  req: IncomingMessage,
  socket: Duplex,
  dispatch: (name: unknown, input: unknown) => Promise<Envelope<unknown>>,
  onClose: () => void,
) {
  const key = req.headers['sec-websocket-key'];
  if (typeof key !== 'string' || req.headers['sec-websocket-version'] !== '13') return refuseUpgrade(socket, 400);
  const accept = createHash('sha1')
    .update(key + GUID)
    .digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  (socket as Duplex & { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);

  let buffered: Buffer = Buffer.alloc(0);
  /** The parts of a message sent in several frames. */
  let parts: Buffer[] = [];
  let partsBytes = 0;
  let closed = false;

  const close = (code: number) => {
    if (closed) return;
    closed = true;
    socket.end(closeFrame(code));
  };
  const send = (text: string) => {
    if (!closed && socket.writable) socket.write(frame(OP_TEXT, Buffer.from(text, 'utf8')));
  };

  const onMessage = (text: string) => {
    let message: { id?: unknown; name?: unknown; input?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return close(1007);
    }
    const { id } = message;
    if (typeof id !== 'number') return close(1008);
    void dispatch(message.name, message.input ?? {}).then((envelope) => send(JSON.stringify({ id, envelope })));
  };

  /** Takes every whole frame off the front of the buffer; false once the socket is to be closed. */
  const drain = () => {
    while (buffered.length >= 2 && !closed) {
      const first = buffered[0]!;
      const second = buffered[1]!;
      const fin = (first & 0x80) !== 0;
      const opcode = first & 0x0f;
      // Clients must mask what they send (RFC 6455 5.1); extensions were never agreed, so no RSV bits.
      if ((second & 0x80) === 0 || (first & 0x70) !== 0) return close(1002);
      let length = second & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffered.length < 4) return;
        length = buffered.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffered.length < 10) return;
        const big = buffered.readBigUInt64BE(2);
        if (big > BigInt(SOCKET_MAX_MESSAGE_BYTES)) return close(1009);
        length = Number(big);
        offset = 10;
      }
      if (partsBytes + length > SOCKET_MAX_MESSAGE_BYTES) return close(1009);
      if (buffered.length < offset + 4 + length) return;
      const mask = buffered.subarray(offset, offset + 4);
      const payload = Buffer.from(buffered.subarray(offset + 4, offset + 4 + length));
      for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i & 3]!;
      buffered = buffered.subarray(offset + 4 + length);

      if (opcode === OP_CLOSE) return close(1000);
      if (opcode === OP_PING) {
        socket.write(frame(OP_PONG, payload));
        continue;
      }
      if (opcode === OP_PONG) continue;
      if (opcode !== OP_TEXT && opcode !== OP_CONTINUATION) return close(1003);
      if ((opcode === OP_TEXT) === parts.length > 0) return close(1002);
      parts.push(payload);
      partsBytes += length;
      if (!fin) continue;
      const text = Buffer.concat(parts).toString('utf8');
      parts = [];
      partsBytes = 0;
      onMessage(text);
    }
  };

  socket.on('data', (chunk: Buffer) => {
    if (closed) return;
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    drain();
  });
  socket.on('error', () => socket.destroy());
  socket.on('close', () => {
    closed = true;
    onClose();
  });
}
