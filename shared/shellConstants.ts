/** Facts both shells and the renderer agree on. */

/** The browser shell writes its per-launch token into index.html under this meta name. */
export const TOKEN_META = 'huitou-token';
/** ...and the renderer sends it back in this request header (lower case: Node lower-cases headers). */
export const TOKEN_HEADER = 'x-huitou-token';

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
