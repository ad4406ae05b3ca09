import { decide } from '../../consent/policy';
import type { AgencyDirectory, ConsentView, DecisionBasis, DisclosureRequest, MandateView } from '../../consent/policy/policy.types';
import type { DenyReason } from '../../consent/policy/decision-reasons';

/** A team's own sharing rule on top of the policy (DVHRTs ask for the survivor's written consent). */
export interface TeamSharingRules {
  requiresWrittenConsent: boolean;
}

export type TeamDisclosure =
  | {
      permitted: true;
      basis: DecisionBasis;
      /**
       * True when the disclosure rests on a court order or statute, not the survivor's consent: the
       * service logs it loudly (decision 0098) and the survivor's accounting says so.
       */
      withoutConsent: boolean;
    }
  | { permitted: false; reason: DenyReason | 'team_requires_written_consent' };

/**
 * May the custodian let this case's information reach a team member agency (the referral, a
 * contribution)? The one policy decision, `decide()`, answers first, exactly as for any other
 * disclosure; the team can only narrow it: a team that requires written consent refuses a verbal
 * release. A mandate (court order, statute) is the only way round consent, and is marked loud.
 */
export function decideTeamDisclosure(
  request: DisclosureRequest,
  world: { consents: readonly ConsentView[]; mandates: readonly MandateView[]; agencies: AgencyDirectory; now: Date },
  team: TeamSharingRules,
): TeamDisclosure {
  const decision = decide(request, world.consents, world.mandates, world.agencies, world.now);
  if (decision.decision === 'deny') return { permitted: false, reason: decision.reason };
  const basis = decision.basis;
  if (basis.kind === 'consent' && team.requiresWrittenConsent) {
    const consent = world.consents.find((each) => each.id === basis.consentId);
    if (consent === undefined || consent.captureMode === 'verbal') return { permitted: false, reason: 'team_requires_written_consent' };
  }
  return { permitted: true, basis, withoutConsent: basis.kind === 'mandate' };
}
