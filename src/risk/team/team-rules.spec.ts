import fc from 'fast-check';
import { AGENCIES, ADVOCACY, consent, mandate, NOW, POLICE, PROSECUTOR, request } from '../../consent/policy/testing/policy-fixtures';
import { isRepeatReferral, repeatWindowEnd } from './repeat-referral';
import { decideByMajority, VoteNotCountable } from './team-decision';
import { decideTeamDisclosure } from './team-sharing';
import type { TeamVote } from './team.vocabulary';

const MEMBERS = ['police', 'prosecution', 'probation', 'advocacy', 'health'];
const votes = (entries: [string, TeamVote][]) => entries.map(([agencyId, vote]) => ({ agencyId, vote }));

describe('decisions by majority of the member agencies present', () => {
  it.each<[string, string[], [string, TeamVote][], boolean, [number, number, number]]>([
    ['all five present, 3 for', MEMBERS, [['police', 'for'], ['prosecution', 'for'], ['probation', 'for'], ['advocacy', 'against'], ['health', 'against']], true, [3, 2, 0]],
    ['all five present, 2 for 1 against 2 abstain', MEMBERS, [['police', 'for'], ['prosecution', 'for'], ['probation', 'against'], ['advocacy', 'abstain'], ['health', 'abstain']], false, [2, 1, 2]],
    ['three present (two absent), 2 for', ['police', 'prosecution', 'advocacy'], [['police', 'for'], ['prosecution', 'for'], ['advocacy', 'against']], true, [2, 1, 0]],
    ['four present, 2 for 2 against: a tie is not a majority', ['police', 'prosecution', 'advocacy', 'health'], [['police', 'for'], ['prosecution', 'for'], ['advocacy', 'against'], ['health', 'against']], false, [2, 2, 0]],
    ['four present, 2 for, 2 cast no vote (abstain)', ['police', 'prosecution', 'advocacy', 'health'], [['police', 'for'], ['prosecution', 'for']], false, [2, 0, 2]],
    ['one present, for', ['probation'], [['probation', 'for']], true, [1, 0, 0]],
    ['nobody present', [], [], false, [0, 0, 0]],
  ])('%s → carried %s', (_label, present, cast, carried, [forCount, against, abstain]) => {
    const decision = decideByMajority(MEMBERS, present, votes(cast));
    expect(decision).toMatchObject({ carried, present: present.length, for: forCount, against, abstain });
  });

  it('records every member agency: its vote, an abstention, or absent', () => {
    const decision = decideByMajority(MEMBERS, ['police', 'prosecution', 'advocacy'], votes([['police', 'for'], ['prosecution', 'against']]));
    expect(decision.perAgency).toEqual([
      { agencyId: 'police', vote: 'for' },
      { agencyId: 'prosecution', vote: 'against' },
      { agencyId: 'probation', vote: 'absent' },
      { agencyId: 'advocacy', vote: 'abstain' },
      { agencyId: 'health', vote: 'absent' },
    ]);
  });

  it.each<[string, string[], [string, TeamVote][], string]>([
    ['an agency that is not a member', MEMBERS, [['school', 'for']], 'not_a_member'],
    ['a present agency that is not a member', [...MEMBERS, 'school'], [], 'not_a_member'],
    ['an absent member', ['police'], [['prosecution', 'for']], 'not_present'],
    ['the same agency twice', MEMBERS, [['police', 'for'], ['police', 'against']], 'voted_twice'],
  ])('refuses a vote from %s', (_label, present, cast, why) => {
    expect(() => decideByMajority(MEMBERS, present, votes(cast))).toThrow(expect.objectContaining({ why }) as VoteNotCountable);
  });

  it('carries exactly when more than half of those present vote for; absent agencies never change the outcome', () => {
    const member = fc.constantFrom(...MEMBERS);
    fc.assert(
      fc.property(fc.uniqueArray(member), fc.array(fc.constantFrom<TeamVote>('for', 'against', 'abstain'), { minLength: 5, maxLength: 5 }), (present, choices) => {
        const cast = present.map((agencyId, index) => ({ agencyId, vote: choices[index] }));
        const decision = decideByMajority(MEMBERS, present, cast);
        expect(decision.carried).toBe(cast.filter((each) => each.vote === 'for').length > present.length / 2);
        expect(decision.for + decision.against + decision.abstain).toBe(present.length);
        expect(decision.perAgency.filter((each) => each.vote === 'absent')).toHaveLength(MEMBERS.length - present.length);
      }),
    );
  });
});

describe('repeat referrals within 12 months', () => {
  const last = new Date('2026-03-15T09:30:00.000Z');

  it.each<[string, string, boolean]>([
    ['the next day', '2026-03-16T09:30:00.000Z', true],
    ['a millisecond before 12 months', '2027-03-15T09:29:59.999Z', true],
    ['exactly 12 months later', '2027-03-15T09:30:00.000Z', false],
    ['a day after 12 months', '2027-03-16T09:30:00.000Z', false],
  ])('%s → repeat %s', (_label, now, repeat) => {
    expect(isRepeatReferral([last], new Date(now))).toBe(repeat);
  });

  it('measures from the last referral, and ignores referrals after now', () => {
    const earlier = [new Date('2025-01-01T00:00:00.000Z'), last, new Date('2028-01-01T00:00:00.000Z')];
    expect(isRepeatReferral(earlier, new Date('2027-01-01T00:00:00.000Z'))).toBe(true);
    expect(isRepeatReferral([new Date('2025-01-01T00:00:00.000Z')], new Date('2027-01-01T00:00:00.000Z'))).toBe(false);
    expect(isRepeatReferral([], last)).toBe(false);
  });

  it.each([
    ['2024-02-29T12:00:00.000Z', '2025-02-28T12:00:00.000Z'],
    ['2026-01-31T00:00:00.000Z', '2027-01-31T00:00:00.000Z'],
    ['2026-12-31T23:59:59.999Z', '2027-12-31T23:59:59.999Z'],
  ])('the window from %s ends at %s', (from, to) => {
    expect(repeatWindowEnd(new Date(from)).toISOString()).toBe(to);
  });
});

describe('team disclosures go through decide()', () => {
  const world = (overrides: { consents?: ReturnType<typeof consent>[]; mandates?: ReturnType<typeof mandate>[] } = {}) => ({
    consents: overrides.consents ?? [],
    mandates: overrides.mandates ?? [],
    agencies: new Map(AGENCIES.map((agency) => [agency.id, agency])),
    now: NOW,
  });
  const toPolice = request({ recipientAgencyId: POLICE, category: 'risk', action: 'receive_notes' });

  it('permits under a written release, marked as consented', () => {
    expect(decideTeamDisclosure(toPolice, world({ consents: [consent()] }), { requiresWrittenConsent: true })).toEqual({
      permitted: true,
      basis: { kind: 'consent', consentId: 'consent-1', consentVersion: 1 },
      withoutConsent: false,
    });
  });

  it("refuses what decide() refuses, with decide()'s reason", () => {
    expect(decideTeamDisclosure(toPolice, world(), { requiresWrittenConsent: false })).toEqual({ permitted: false, reason: 'no_consent' });
  });

  it('a team that requires written consent refuses a verbal release decide() would allow', () => {
    const police = { ...AGENCIES.find((each) => each.id === POLICE)!, id: 'agency-police-custodian' };
    const verbal = consent({ custodianAgencyId: police.id, captureMode: 'verbal', recipientAgencyId: PROSECUTOR });
    const fromPolice = request({ discloserAgencyId: police.id, recipientAgencyId: PROSECUTOR, category: 'risk', action: 'receive_notes' });
    const policeWorld = { ...world({ consents: [verbal] }), agencies: new Map([...AGENCIES, police].map((agency) => [agency.id, agency])) };
    expect(decideTeamDisclosure(fromPolice, policeWorld, { requiresWrittenConsent: false })).toMatchObject({ permitted: true, withoutConsent: false });
    expect(decideTeamDisclosure(fromPolice, policeWorld, { requiresWrittenConsent: true })).toEqual({ permitted: false, reason: 'team_requires_written_consent' });
  });

  it('shares without consent only under a recorded mandate, marked loud', () => {
    const toProsecutor = request({ recipientAgencyId: PROSECUTOR, category: 'legal', action: 'receive_notes' });
    expect(decideTeamDisclosure(toProsecutor, world({ mandates: [mandate()] }), { requiresWrittenConsent: true })).toEqual({
      permitted: true,
      basis: { kind: 'mandate', mandateId: 'mandate-1' },
      withoutConsent: true,
    });
  });

  it('the custodian reading its own case is internal, never loud', () => {
    expect(decideTeamDisclosure(request({ recipientAgencyId: ADVOCACY }), world(), { requiresWrittenConsent: true })).toMatchObject({ permitted: true, withoutConsent: false, basis: { kind: 'custodian' } });
  });
});
