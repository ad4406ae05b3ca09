import type { ConsentView, DisclosureRequest } from './policy.types';

/**
 * Rule 4 (C-10, C-11): the survivor's "never to agency X" in any consent of the case, whatever
 * that consent's status. A protective instruction outlives the release it was written in
 * (revoking a release must never re-open a door the survivor had closed); only an amendment
 * that removes it, i.e. a current version without it, lifts it.
 */
export function isExcludedBySurvivor(request: DisclosureRequest, consents: readonly ConsentView[]): boolean {
  return consents.some(
    (consent) => consent.caseId === request.caseId && consent.denyAgencyIds.includes(request.recipientAgencyId),
  );
}
