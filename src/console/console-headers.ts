import { type ServerResponse } from 'node:http';

/**
 * The console's Content-Security-Policy (research §4.6): scripts, styles, workers and fetches from
 * this origin only, no inline script or style, no framing, no plugins. 'wasm-unsafe-eval' is the
 * one exception, because libsodium's WebAssembly cannot compile without it (it allows
 * WebAssembly compilation, not eval). Trusted Types: only the ccr-worker policy may make a script URL.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "manifest-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types ccr-worker',
].join('; ');

const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), publickey-credentials-get=(self), publickey-credentials-create=(self)';

/**
 * Hashed files under /assets/ never change (nor do the .br and .gz the build made of them, which
 * express-static-gzip sends under the same URL with Vary: Accept-Encoding); everything else
 * (index.html) is never stored.
 */
export function setConsoleHeaders(response: ServerResponse, path: string): void {
  response.setHeader('Content-Security-Policy', CONSOLE_CSP);
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
  const hashedAsset = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8}\.(js|css|wasm)(\.br|\.gz)?$/.test(path);
  response.setHeader('Cache-Control', hashedAsset ? 'public, max-age=31536000, immutable' : 'no-store');
}
