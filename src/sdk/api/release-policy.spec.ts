import { randomUUID } from 'node:crypto';
import type { Agency } from './agencies-api';
import type { ConsentRecord, ConsentVersion } from './consent-types';
import { decideUnderRelease, noteRecipients, type CaseReleases } from './release-policy';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-03-01T12:00:00.000Z');
const caseId = randomUUID();
const shelter = randomUUID();
const prosecution = randomUUID();
const clinic = randomUUID();
const probation = randomUUID();

function agency(id: string, regime: string, overrides: Partial<Agency> = {}): Agency {
  return { id, name: id, kind: 'other', regime, status: 'active', coordinatingBody: false, createdAt: now.toISOString(), ...overrides };
}

const agencies = [agency(shelter, 'vawa_fvpsa_voca'), agency(prosecution, 'criminal_justice'), agency(clinic, 'hipaa'), agency(probation, 'criminal_justice')];

function release(recipientAgencyId: string, terms: Partial<ConsentVersion> = {}, revokedAt: string | null = null): ConsentRecord {
  const current: ConsentVersion = {
    version: 1,
    categories: ['risk', 'safety_plan'],
    actions: ['receive_notes'],
    purpose: 'prosecution_support',
    validFrom: new Date(now.getTime() - DAY).toISOString(),
    validUntil: new Date(now.getTime() + 30 * DAY).toISOString(),
    captureMode: 'written_signature',
    language: 'en',
    interpreter: { used: false },
    informedConsent: [],
    denyAgencyIds: [],
    releaseDocumentSha256: null,
    termsRecordId: null,
    recordedByPrincipalId: randomUUID(),
    recordedAt: new Date(now.getTime() - DAY).toISOString(),
    signerEpoch: 1,
    signature: '',
    ...terms,
  };
  const revocation = revokedAt === null ? null : { revokedAt, receivedByPrincipalId: randomUUID(), channel: 'phone' as const, signerEpoch: null, signature: null };
  return {
    id: randomUUID(),
    caseId,
    custodianAgencyId: shelter,
    recipientAgencyId,
    status: 'active',
    releasesData: true,
    currentVersion: current.version,
    current,
    versions: [current],
    revocation,
    warnings: [],
    createdAt: current.recordedAt,
  };
}

const world = (consents: ConsentRecord[], overrides: Partial<CaseReleases> = {}): CaseReleases => ({ caseId, ownAgencyId: shelter, consents, agencies, now, ...overrides });

describe('noteRecipients (client-side, through decide())', () => {
  it('wraps each category for exactly the agencies whose releases cover it', () => {
    const toProsecution = release(prosecution, { categories: ['risk'] });
    const toClinic = release(clinic, { categories: ['health', 'safety_plan'] });
    const releases = world([toProsecution, toClinic]);
    expect(noteRecipients(releases, 'risk').grants).toEqual([{ agencyId: prosecution, consentId: toProsecution.id }]);
    expect(noteRecipients(releases, 'health').grants).toEqual([{ agencyId: clinic, consentId: toClinic.id }]);
    expect(noteRecipients(releases, 'children')).toEqual({
      grants: [],
      excluded: expect.arrayContaining([
        { agencyId: prosecution, reason: 'category_not_covered' },
        { agencyId: clinic, reason: 'category_not_covered' },
      ]),
    });
    const safetyPlan = noteRecipients(releases, 'safety_plan');
    expect(safetyPlan.grants).toEqual([{ agencyId: clinic, consentId: toClinic.id }]);
    expect(safetyPlan.excluded).toEqual([{ agencyId: prosecution, reason: 'category_not_covered' }]);
  });

  it('keeps privileged counselling (and the other custodian-only categories) at home', () => {
    const everything = release(prosecution, { categories: ['risk', 'safety_plan', 'legal', 'coordination', 'health', 'substance_use', 'children', 'immigration'] });
    expect(noteRecipients(world([everything]), 'privileged_counseling')).toEqual({ grants: [], excluded: [{ agencyId: prosecution, reason: 'custodian_only_category' }] });
    expect(noteRecipients(world([everything]), 'profile').grants).toEqual([]);
  });

  it('never wraps for a release that ended, has not started, or lacks receive_notes', () => {
    const revoked = release(prosecution, {}, new Date(now.getTime() - 1000).toISOString());
    const expired = release(clinic, { validUntil: new Date(now.getTime() - 1).toISOString() });
    const pending = release(probation, { validFrom: new Date(now.getTime() + DAY).toISOString() });
    const result = noteRecipients(world([revoked, expired, pending]), 'risk');
    expect(result.grants).toEqual([]);
    expect(result.excluded).toEqual(
      expect.arrayContaining([
        { agencyId: prosecution, reason: 'consent_revoked' },
        { agencyId: clinic, reason: 'consent_expired' },
        { agencyId: probation, reason: 'consent_not_yet_valid' },
      ]),
    );
    const referralOnly = release(prosecution, { actions: ['receive_referral'], categories: [] });
    expect(noteRecipients(world([referralOnly]), 'risk').excluded).toEqual([{ agencyId: prosecution, reason: 'action_not_covered' }]);
  });

  it("honours the survivor's deny provisions from any release of the case, even a revoked one", () => {
    const toClinic = release(clinic, { categories: ['risk'] });
    const denyingClinic = release(prosecution, { denyAgencyIds: [clinic] }, new Date(now.getTime() - 1000).toISOString());
    expect(noteRecipients(world([toClinic, denyingClinic]), 'risk').excluded).toEqual(
      expect.arrayContaining([{ agencyId: clinic, reason: 'recipient_excluded_by_survivor' }]),
    );
  });

  it('refuses a verbal release for a VAWA agency, and suspended or unknown recipients', () => {
    expect(noteRecipients(world([release(prosecution, { captureMode: 'verbal' })]), 'risk').excluded).toEqual([{ agencyId: prosecution, reason: 'verbal_consent_insufficient' }]);
    const suspended = agencies.map((each) => (each.id === prosecution ? { ...each, status: 'suspended' as const } : each));
    expect(noteRecipients(world([release(prosecution)], { agencies: suspended }), 'risk').excluded).toEqual([{ agencyId: prosecution, reason: 'recipient_suspended' }]);
    const stranger = randomUUID();
    expect(noteRecipients(world([release(stranger)]), 'risk').excluded).toEqual([{ agencyId: stranger, reason: 'unknown_recipient' }]);
    const coordinating = agencies.map((each) => (each.id === prosecution ? { ...each, coordinatingBody: true } : each));
    expect(noteRecipients(world([release(prosecution)], { agencies: coordinating }), 'risk').grants).toEqual([]);
  });

  it('picks one release per agency when several cover it (the most recently recorded)', () => {
    const older = release(prosecution, { recordedAt: new Date(now.getTime() - 2 * DAY).toISOString() });
    const newer = release(prosecution, { recordedAt: new Date(now.getTime() - DAY).toISOString() });
    expect(noteRecipients(world([older, newer]), 'risk').grants).toEqual([{ agencyId: prosecution, consentId: newer.id }]);
  });

  it('ignores releases of other custodians as candidates', () => {
    const foreign = { ...release(prosecution), custodianAgencyId: clinic };
    expect(noteRecipients(world([foreign]), 'risk')).toEqual({ grants: [], excluded: [] });
  });
});

describe('decideUnderRelease (the release a wrap names must cover it alone)', () => {
  it('permits under the named release only', () => {
    const referral = release(prosecution, { actions: ['receive_referral'], categories: [], purpose: 'advocacy_services' });
    const notes = release(prosecution);
    const releases = world([referral, notes]);
    const wanted = { recipientAgencyId: prosecution, category: 'referral' as const, action: 'receive_referral' as const, purpose: 'advocacy_services' as const };
    expect(decideUnderRelease(releases, wanted, referral.id)).toMatchObject({ decision: 'permit', basis: { consentId: referral.id } });
    expect(decideUnderRelease(releases, wanted, notes.id)).toEqual({ decision: 'deny', reason: 'action_not_covered' });
    expect(decideUnderRelease(releases, { ...wanted, purpose: 'housing' }, referral.id)).toEqual({ decision: 'deny', reason: 'purpose_not_covered' });
    expect(decideUnderRelease(releases, wanted, randomUUID())).toEqual({ decision: 'deny', reason: 'no_consent' });
  });

  it('still applies deny provisions of the other releases', () => {
    const toClinic = release(clinic);
    const denying = release(prosecution, { denyAgencyIds: [clinic] });
    const decision = decideUnderRelease(world([toClinic, denying]), { recipientAgencyId: clinic, category: 'risk', action: 'receive_notes' }, toClinic.id);
    expect(decision).toEqual({ decision: 'deny', reason: 'recipient_excluded_by_survivor' });
  });
});
