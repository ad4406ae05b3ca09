import { type CaseWorld } from './consent-decision.service';
import { decideForBasis as decideForBasisOf } from './policy';

const decideForBasis = (world: CaseWorld, request: Parameters<typeof decideForBasisOf>[0], basisId: string, now: Date) =>
  decideForBasisOf(request, world.consents, world.mandates, world.agencies, basisId, now);
import { AGENCIES, ADVOCACY, CASE, CLINIC, consent, mandate, NOW, POLICE, PROSECUTOR } from './policy/testing/policy-fixtures';

const agencies = new Map(AGENCIES.map((agency) => [agency.id, agency]));
const notes = { caseId: CASE, discloserAgencyId: ADVOCACY, recipientAgencyId: POLICE, category: 'risk' as const, action: 'receive_notes' as const };

function world(overrides: Partial<CaseWorld> = {}): CaseWorld {
  return { consents: [], mandates: [], agencies, ...overrides };
}

describe('decideForBasis: only the basis a wrap names may permit it', () => {
  it('permits under the named consent', () => {
    const decision = decideForBasis(world({ consents: [consent({ id: 'named' })] }), notes, 'named', NOW);
    expect(decision).toEqual({ decision: 'permit', reason: 'survivor_consent', basis: { kind: 'consent', consentId: 'named', consentVersion: 1 } });
  });

  it('does not let another permitting consent stand in for the named one', () => {
    const consents = [consent({ id: 'named', categories: ['legal'] }), consent({ id: 'other' })];
    expect(decideForBasis(world({ consents }), notes, 'named', NOW)).toEqual({ decision: 'deny', reason: 'category_not_covered' });
  });

  it('keeps every other consent of the case binding through its deny provisions', () => {
    const consents = [consent({ id: 'named' }), consent({ id: 'protective', recipientAgencyId: CLINIC, denyAgencyIds: [POLICE], revokedAt: NOW })];
    expect(decideForBasis(world({ consents }), notes, 'named', NOW)).toEqual({ decision: 'deny', reason: 'recipient_excluded_by_survivor' });
  });

  it('permits under the named mandate only', () => {
    const mandates = [mandate({ id: 'order', recipientAgencyId: PROSECUTOR, categories: ['risk'] })];
    const toProsecutor = { ...notes, recipientAgencyId: PROSECUTOR };
    expect(decideForBasis(world({ mandates }), toProsecutor, 'order', NOW)).toMatchObject({ decision: 'permit', basis: { kind: 'mandate', mandateId: 'order' } });
    expect(decideForBasis(world({ mandates }), toProsecutor, 'some-consent', NOW)).toEqual({ decision: 'deny', reason: 'no_consent' });
  });
});
