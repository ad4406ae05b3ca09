import { CcrApiError } from '../errors';
import { isIllegalTransition, isVersionConflict, isWrongSide } from './problems';

export type StatusRefusal = 'illegal_transition' | 'version_conflict' | 'wrong_side';

/**
 * The API refused a referral status change for a reason a caller branches on: the state machine
 * forbids it (409), someone moved the referral since it was read (409, `currentVersion`), or it
 * is the other side's move (403). Still a CcrApiError, with the problem's fields.
 */
export class ReferralStatusRefused extends CcrApiError {
  constructor(
    cause: CcrApiError,
    readonly refusal: StatusRefusal,
    readonly currentVersion: number | undefined,
  ) {
    super({ status: cause.status, type: cause.type, title: cause.title, detail: cause.detail, instance: cause.instance, requestId: cause.requestId, errors: cause.errors, extensions: cause.extensions }, cause.retryAfterSeconds);
  }
}

/** The typed form of a status-change refusal, or the error unchanged. */
export function statusRefusal(error: unknown): unknown {
  if (!(error instanceof CcrApiError)) return error;
  if (isIllegalTransition(error)) return new ReferralStatusRefused(error, 'illegal_transition', undefined);
  const stale = isVersionConflict(error);
  if (stale) return new ReferralStatusRefused(error, 'version_conflict', stale.currentVersion);
  if (isWrongSide(error)) return new ReferralStatusRefused(error, 'wrong_side', undefined);
  return error;
}
