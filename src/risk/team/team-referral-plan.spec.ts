import { ADVOCACY, AGENCIES, agencyMap, CASE, CLINIC, consent, mandate, NOW, POLICE, PROSECUTOR } from '../../consent/policy/testing/policy-fixtures';
import { planTeamReferral } from './team-referral-plan';

const world = (consents: ReturnType<typeof consent>[], mandates: ReturnType<typeof mandate>[] = []) => ({ consents, mandates, agencies: agencyMap(AGENCIES), now: NOW });
const input = (requiresWrittenConsent: boolean) => ({ caseId: CASE, custodianAgencyId: ADVOCACY, memberAgencyIds: [ADVOCACY, POLICE, PROSECUTOR, CLINIC], requiresWrittenConsent });

describe('which member agencies receive a referred case (decide() per member)', () => {
  it('covers the members a written release covers, refuses the others with decide()’s reason, and never asks about the custodian', () => {
    const plan = planTeamReferral(input(true), world([consent()]));
    expect(plan.covered).toEqual([{ agencyId: POLICE, basis: { kind: 'consent', consentId: 'consent-1', consentVersion: 1 }, withoutConsent: false }]);
    expect(plan.refused).toEqual([
      { agencyId: PROSECUTOR, reason: 'no_consent' },
      { agencyId: CLINIC, reason: 'no_consent' },
    ]);
    expect(plan.consentState).toBe('written');
  });

  it('a mandate covers a member without consent: marked, and the referral rests on no consent', () => {
    const plan = planTeamReferral(input(true), world([consent()], [mandate({ categories: ['risk'] })]));
    expect(plan.covered.find((share) => share.agencyId === PROSECUTOR)).toEqual({ agencyId: PROSECUTOR, basis: { kind: 'mandate', mandateId: 'mandate-1' }, withoutConsent: true });
    expect(plan.consentState).toBe('none');
  });

  it.each([true, false])("the VAWA custodian's verbal release covers nobody (team requires written consent: %s); nothing covered rests on no consent", (rule) => {
    const plan = planTeamReferral(input(rule), world([consent({ captureMode: 'verbal' })]));
    expect(plan.covered).toEqual([]);
    expect(plan.refused.find((each) => each.agencyId === POLICE)?.reason).toBe('verbal_consent_insufficient');
    expect(plan.consentState).toBe('none');
  });

  it("a justice custodian's verbal release: covered under the policy, refused by a team that requires written consent", () => {
    const fromPolice = { ...input(false), custodianAgencyId: POLICE, memberAgencyIds: [POLICE, PROSECUTOR] };
    const verbal = consent({ custodianAgencyId: POLICE, recipientAgencyId: PROSECUTOR, captureMode: 'verbal' });
    expect(planTeamReferral(fromPolice, world([verbal]))).toMatchObject({ covered: [{ agencyId: PROSECUTOR, withoutConsent: false }], consentState: 'verbal' });
    expect(planTeamReferral({ ...fromPolice, requiresWrittenConsent: true }, world([verbal]))).toMatchObject({ covered: [], refused: [{ agencyId: PROSECUTOR, reason: 'team_requires_written_consent' }] });
  });
});
