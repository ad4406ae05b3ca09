import { CcrApiError } from '../errors';

const PROBLEM_PREFIX = 'urn:ccr-exchange:problem:';

/** The problem's slug (`wrap-not-covered`, `consent-version-conflict`…), or undefined for other errors. */
export function problemSlug(error: unknown): string | undefined {
  if (!(error instanceof CcrApiError) || !error.type.startsWith(PROBLEM_PREFIX)) return undefined;
  return error.type.slice(PROBLEM_PREFIX.length);
}

/** 404: missing, or another agency's — the API never tells the two apart. */
export function isNotFound(error: unknown): error is CcrApiError {
  return error instanceof CcrApiError && error.status === 404;
}

/** 409, optionally of one slug (e.g. `illegal-transition`, `referral-version-conflict`). */
export function isConflict(error: unknown, slug?: string): error is CcrApiError {
  return error instanceof CcrApiError && error.status === 409 && (slug === undefined || problemSlug(error) === slug);
}

export interface NotCovered {
  /** The recipient no consent or mandate covers. */
  recipientAgencyId: string;
  /** The policy's reason code, e.g. category_not_covered, consent_revoked (docs/consent-model.md §5). */
  reason: string;
}

/** A wrap the survivor's releases do not cover (422 wrap-not-covered): who, and the policy's reason. */
export function isNotCovered(error: unknown): NotCovered | undefined {
  if (problemSlug(error) !== 'wrap-not-covered') return undefined;
  const { recipientAgencyId, reason } = (error as CcrApiError).extensions;
  return { recipientAgencyId: typeof recipientAgencyId === 'string' ? recipientAgencyId : '', reason: typeof reason === 'string' ? reason : 'unknown' };
}

/** A stale version (consent, note or referral): the current version, when the API said it. */
export function isVersionConflict(error: unknown): { currentVersion: number | undefined } | undefined {
  const slug = problemSlug(error);
  if (!slug?.endsWith('-version-conflict')) return undefined;
  const current = (error as CcrApiError).extensions.currentVersion;
  return { currentVersion: typeof current === 'number' ? current : undefined };
}

/** A referral status change the state machine forbids (409 illegal-transition). */
export function isIllegalTransition(error: unknown): { from: string; to: string } | undefined {
  if (problemSlug(error) !== 'illegal-transition') return undefined;
  const { from, to } = (error as CcrApiError).extensions;
  return { from: String(from), to: String(to) };
}

/** The other side's move on a referral (403 wrong-side), e.g. the sender accepting. */
export function isWrongSide(error: unknown): error is CcrApiError {
  return problemSlug(error) === 'wrong-side';
}

/** 422: the request was understood and refused; `errors` names the fields. */
export function isRefused(error: unknown): error is CcrApiError {
  return error instanceof CcrApiError && error.status === 422;
}
