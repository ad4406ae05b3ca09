import type { AgencyDirectory, ConsentView, DecisionBasis, MandateView } from '../../consent/policy/policy.types';
import { decideTeamDisclosure } from './team-sharing';
import type { SurvivorConsentState } from './team.vocabulary';

export interface TeamShare {
  agencyId: string;
  basis: DecisionBasis;
  withoutConsent: boolean;
}

export interface TeamReferralPlan {
  /** Member agencies a basis covers (not the custodian, who holds the case). */
  covered: TeamShare[];
  /** Member agencies decide() (or the team's written-consent rule) refused, with the reason code. */
  refused: { agencyId: string; reason: string }[];
  /** What the sharing rests on: written releases only, some verbal release, or some mandate (no consent). */
  consentState: SurvivorConsentState;
}

/**
 * Which member agencies may receive a referred case, each asked of decide() through
 * decideTeamDisclosure (category `risk`, as screens and the team's notes are): the one policy,
 * narrowed by the team's written-consent rule. Pure: the service loads the world and logs the plan.
 */
export function planTeamReferral(
  input: { caseId: string; custodianAgencyId: string; memberAgencyIds: readonly string[]; requiresWrittenConsent: boolean },
  world: { consents: readonly ConsentView[]; mandates: readonly MandateView[]; agencies: AgencyDirectory; now: Date },
): TeamReferralPlan {
  const covered: TeamShare[] = [];
  const refused: { agencyId: string; reason: string }[] = [];
  for (const agencyId of input.memberAgencyIds) {
    if (agencyId === input.custodianAgencyId) continue;
    const request = { caseId: input.caseId, discloserAgencyId: input.custodianAgencyId, recipientAgencyId: agencyId, category: 'risk' as const, action: 'receive_notes' as const };
    const outcome = decideTeamDisclosure(request, world, { requiresWrittenConsent: input.requiresWrittenConsent });
    if (outcome.permitted) covered.push({ agencyId, basis: outcome.basis, withoutConsent: outcome.withoutConsent });
    else refused.push({ agencyId, reason: outcome.reason });
  }
  return { covered, refused, consentState: consentStateOf(covered, world.consents) };
}

function consentStateOf(covered: readonly TeamShare[], consents: readonly ConsentView[]): SurvivorConsentState {
  if (covered.length === 0 || covered.some((share) => share.withoutConsent)) return 'none';
  const verbal = covered.some((share) => share.basis.kind === 'consent' && consents.find((each) => each.id === (share.basis as { consentId: string }).consentId)?.captureMode === 'verbal');
  return verbal ? 'verbal' : 'written';
}
