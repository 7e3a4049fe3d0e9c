/** Facts both shells and the renderer agree on. */

/** The browser shell writes its per-launch token into index.html under this meta name. */
export const TOKEN_META = 'huitou-token';
/** ...and the renderer sends it back in this request header (lower case: Node lower-cases headers). */
export const TOKEN_HEADER = 'x-huitou-token';
/** The browser shell's WebSocket for calls (electron/web/socket.ts), opened with the token as this query parameter. */
export const SOCKET_PATH = '/api/socket';
export const SOCKET_TOKEN_PARAM = 'token';
/** Calls whose JSON is larger go over HTTP (the socket closes on a message past the server's limit). */
export const SOCKET_MAX_CALL_CHARS = 64 * 1024;

/**
 * One Content-Security-Policy for both shells. antd writes its styles at run time (CSS-in-JS), hence
 * 'unsafe-inline' for styles only; scripts come from the app's own files and nowhere else.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
