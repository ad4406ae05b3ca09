import { Secret, TOTP } from 'otpauth';

/**
 * RFC 6238 parameters (decision 0083): SHA-1, 6 digits, 30-second steps — what every authenticator
 * app reads from an otpauth:// URI (several ignore other algorithms) — a 160-bit secret (RFC 4226
 * §4), one step of clock drift either way, and each step accepted once.
 */
export const TOTP_PERIOD_SECONDS = 30;
const TOTP_DIGITS = 6;
const TOTP_WINDOW = 1;
const TOTP_SECRET_BYTES = 20;
const ISSUER = 'CCR Exchange';

export function newTotpSecret(): string {
  return new Secret({ size: TOTP_SECRET_BYTES }).base32;
}

/** The otpauth:// URI an authenticator app scans (as a QR code) or takes typed in. */
export function totpUri(secret: string, accountName: string): string {
  return totpFor(secret, accountName).toString();
}

/**
 * The time step the code belongs to if it is right now (within the drift window) and newer than
 * `lastStep`; else null. The caller stores the step so the same code is not accepted twice.
 */
export function acceptedTotpStep(secret: string, code: string, lastStep: number, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secret, 'check').validate({ token: code, timestamp: now, window: TOTP_WINDOW });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / TOTP_PERIOD_SECONDS) + delta;
  return step > lastStep ? step : null;
}

function totpFor(secret: string, accountName: string): TOTP {
  return new TOTP({ issuer: ISSUER, label: accountName, algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}
