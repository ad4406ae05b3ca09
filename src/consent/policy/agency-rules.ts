import type { DenyReason } from './decision-reasons';
import type { AgencyDirectory, AgencyView, DisclosureRequest } from './policy.types';

export type ResolvedParties =
  | { readonly ok: true; readonly discloser: AgencyView; readonly recipient: AgencyView }
  | { readonly ok: false; readonly reason: DenyReason };

/** An entry whose id differs from the key asked for is treated as unknown: fail closed. */
function lookUpAgency(directory: AgencyDirectory, agencyId: string): AgencyView | undefined {
  const agency = typeof directory === 'function' ? directory(agencyId) : directory.get(agencyId);
  return agency?.id === agencyId ? agency : undefined;
}

/** Rule 1: both parties must be known members, and suspended agencies get nothing. */
export function resolveParties(request: DisclosureRequest, directory: AgencyDirectory): ResolvedParties {
  const discloser = lookUpAgency(directory, request.discloserAgencyId);
  if (!discloser) return { ok: false, reason: 'unknown_discloser' };
  const recipient = lookUpAgency(directory, request.recipientAgencyId);
  if (!recipient) return { ok: false, reason: 'unknown_recipient' };
  if (discloser.status !== 'active') return { ok: false, reason: 'discloser_suspended' };
  if (recipient.status !== 'active') return { ok: false, reason: 'recipient_suspended' };
  return { ok: true, discloser, recipient };
}
