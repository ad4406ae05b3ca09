import { randomUUID } from 'node:crypto';
import { caseTimeline, readersOf, shortHandle } from '../../console/src/api/case-timeline';
import { referralTargets } from '../../console/src/api/referral-targets';
import type { Agency, CaseReleases, ConsentRecord, ConsentVersion, NoteWithRecipients, Referral } from '../../src/sdk/browser';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-12-06T12:00:00.000Z');
const caseId = randomUUID();
const shelter = randomUUID();
const legalAid = randomUUID();
const police = randomUUID();
const clinic = randomUUID();

const agency = (id: string, regime: string): Agency => ({ id, name: id, kind: 'other', regime, status: 'active', coordinatingBody: false, createdAt: NOW.toISOString() });
const agencies = [agency(shelter, 'vawa_fvpsa_voca'), agency(legalAid, 'none'), agency(police, 'criminal_justice'), agency(clinic, 'hipaa')];

function release(recipientAgencyId: string, terms: Partial<ConsentVersion> = {}, extra: Partial<ConsentRecord> = {}): ConsentRecord {
  const current: ConsentVersion = {
    version: 1,
    categories: ['legal'],
    actions: ['receive_referral', 'receive_notes'],
    purpose: 'protection_order_support',
    validFrom: new Date(NOW.getTime() - DAY).toISOString(),
    validUntil: new Date(NOW.getTime() + 30 * DAY).toISOString(),
    captureMode: 'written_signature',
    language: 'en',
    interpreter: { used: false },
    informedConsent: [],
    denyAgencyIds: [],
    releaseDocumentSha256: null,
    termsRecordId: null,
    recordedByPrincipalId: randomUUID(),
    recordedAt: new Date(NOW.getTime() - DAY).toISOString(),
    signerEpoch: 1,
    signature: '',
    ...terms,
  };
  return { id: randomUUID(), caseId, custodianAgencyId: shelter, recipientAgencyId, status: 'active', releasesData: true, currentVersion: 1, current, versions: [current], revocation: null, warnings: [], createdAt: current.recordedAt, ...extra };
}

const releases = (consents: ConsentRecord[]): CaseReleases => ({ caseId, ownAgencyId: shelter, consents, agencies, now: NOW });

describe('referralTargets: where the console offers to refer a case (the SDK’s decideUnderRelease)', () => {
  it('offers each agency a release permits for receive_referral, under that release and its purpose', () => {
    const toLegalAid = release(legalAid);
    expect(referralTargets(releases([toLegalAid]))).toEqual([{ agencyId: legalAid, consentId: toLegalAid.id, purpose: 'protection_order_support' }]);
  });

  it('offers no agency whose release is revoked, expired, verbal for VAWA data, or lacks receive_referral', () => {
    const revoked = release(legalAid, {}, { revocation: { revokedAt: new Date(NOW.getTime() - 1000).toISOString(), receivedByPrincipalId: randomUUID(), channel: 'phone', signerEpoch: null, signature: null } });
    const expired = release(police, { validUntil: new Date(NOW.getTime() - 1000).toISOString() });
    const verbal = release(clinic, { captureMode: 'verbal' });
    const notesOnly = release(legalAid, { actions: ['receive_notes'] });
    expect(referralTargets(releases([revoked, expired, verbal, notesOnly]))).toEqual([]);
  });

  it('honours the survivor’s deny list in any release of the case', () => {
    const toLegalAid = release(legalAid);
    const denying = release(police, { denyAgencyIds: [legalAid] });
    expect(referralTargets(releases([toLegalAid, denying])).map((target) => target.agencyId)).toEqual([police]);
  });

  it('offers an agency once, under its newest usable release', () => {
    const older = release(legalAid, { recordedAt: new Date(NOW.getTime() - 3 * DAY).toISOString() });
    const newer = release(legalAid, { purpose: 'legal_representation' });
    expect(referralTargets(releases([older, newer]))).toEqual([{ agencyId: legalAid, consentId: newer.id, purpose: 'legal_representation' }]);
  });

  it('ignores releases of another custodian', () => {
    expect(referralTargets(releases([release(legalAid, {}, { custodianAgencyId: police })]))).toEqual([]);
  });
});

function referral(overrides: Partial<Referral>): Referral {
  return {
    id: randomUUID(),
    yourSide: 'receiver',
    fromAgencyId: police,
    toAgencyId: shelter,
    caseId,
    consentId: randomUUID(),
    purpose: 'advocacy_services',
    priority: 'urgent',
    status: 'requested',
    statusReason: null,
    outcome: null,
    outcomeAvailable: false,
    statusDetailsShared: false,
    version: 1,
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z',
    deadlines: [],
    agreement: null,
    ...overrides,
  };
}

function note(createdAt: string, recipients: [string, boolean][]): NoteWithRecipients {
  return {
    id: randomUUID(),
    caseId,
    authorAgencyId: shelter,
    category: 'legal',
    version: 1,
    currentRecordId: randomUUID(),
    createdAt,
    updatedAt: createdAt,
    recipients: recipients.map(([agencyId, canRead]) => ({ agencyId, basisKind: agencyId === shelter ? 'custodian' : 'consent', basisId: null, canRead })),
  };
}

describe('caseTimeline: one case’s history in time order', () => {
  it('merges referrals, notes, releases, revocations and disclosures oldest first, with the other agency of each', () => {
    const inbound = referral({ createdAt: '2026-12-01T09:00:00.000Z', deadlines: [{ step: 'received', respondBy: '2026-12-01T09:01:00.000Z' }] });
    const outbound = referral({ yourSide: 'sender', fromAgencyId: shelter, toAgencyId: legalAid, createdAt: '2026-12-04T09:00:00.000Z' });
    const elsewhere = referral({ caseId: randomUUID(), createdAt: '2026-12-02T09:00:00.000Z' });
    const revokedAt = '2026-12-05T09:00:00.000Z';
    const consent = release(legalAid, {}, { createdAt: '2026-12-02T09:00:00.000Z', revocation: { revokedAt, receivedByPrincipalId: randomUUID(), channel: 'phone', signerEpoch: null, signature: null } });
    const written = note('2026-12-03T09:00:00.000Z', [[legalAid, true], [shelter, true]]);
    const accounting = [
      { index: 7, time: '2026-12-03T10:00:00.000Z', kind: 'disclosure', discloser: { id: shelter }, recipient: { id: legalAid }, categories: [{ code: 'legal' }], outcome: 'permitted', reasonCode: null },
      { index: 8, time: '2026-12-03T11:00:00.000Z', kind: 'access', discloser: null, recipient: null, categories: [], outcome: null, reasonCode: null },
      { index: 9, time: '2026-12-05T10:00:00.000Z', kind: 'denied', discloser: { id: shelter }, recipient: { id: police }, categories: [{ code: 'legal' }], outcome: 'denied', reasonCode: 'no_consent' },
    ];
    const events = caseTimeline({ caseId, referrals: [outbound, elsewhere, inbound], notes: [written], consents: [consent], accounting, now: NOW });
    expect(events.map((event) => [event.kind, event.agencyId])).toEqual([
      ['referral', police],
      ['release', legalAid],
      ['note', shelter],
      ['disclosure', legalAid],
      ['referral', legalAid],
      ['revocation', legalAid],
      ['disclosure', police],
    ]);
    expect(events[0]).toMatchObject({ direction: 'in', overdue: true });
    expect(events[4]).toMatchObject({ direction: 'out', overdue: false });
    expect(events[3]).toMatchObject({ refused: false, categories: ['legal'], fromAgencyId: shelter });
    expect(events[6]).toMatchObject({ refused: true });
    expect(events[2]).toMatchObject({ readers: [shelter, legalAid] });
  });

  it('shows no disclosures when the accounting could not be had, and keeps a stable order on equal times', () => {
    const at = '2026-12-02T09:00:00.000Z';
    const consent = release(legalAid, {}, { createdAt: at });
    const same = referral({ createdAt: at });
    const events = caseTimeline({ caseId, referrals: [same], notes: [], consents: [consent], accounting: null, now: NOW });
    expect(events.map((event) => event.kind)).toEqual(['release', 'referral']);
  });

  it('counts as readers only agencies whose wrap still stands, the author first', () => {
    expect(readersOf(note(NOW.toISOString(), [[legalAid, false], [clinic, true], [shelter, true]]))).toEqual([shelter, clinic]);
  });

  it('shortens a handle to eight characters', () => {
    expect(shortHandle('0f3c2a9e-1111-4222-8333-444455556666')).toBe('0f3c2a9e');
  });
});
