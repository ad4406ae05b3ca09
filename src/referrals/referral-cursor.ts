import { ReferralFieldError } from './referrals.errors';

export interface ReferralPosition {
  createdAt: Date;
  id: string;
}

export function encodeReferralCursor(position: ReferralPosition): string {
  return Buffer.from(`${position.createdAt.toISOString()}|${position.id}`).toString('base64url');
}

export function decodeReferralCursor(cursor: string): ReferralPosition {
  const [time, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(time ?? '');
  if (Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id ?? '')) throw new ReferralFieldError('cursor', 'cursor must be a value returned by this endpoint');
  return { createdAt, id };
}
