import { utf8 } from './bytes';
import { fromBase64Strict, toBase64 } from './base64';
import { openRecord, rewrapForAgency, verifyEnvelope, verifyShare } from './envelope';
import { DEFAULT_ENVELOPE_LIMITS, type SealedRecordV1, type SharedWrapV1, type VerifiedRecordV1 } from './envelope-types';
import { getSodium, type Sodium } from './sodium';
import { current, directoryOf, fixtureAgencies, fixtureSeal, fixtureUuid, identityOf, type FixtureAgency } from './testing/fixtures';
import { refusalCode } from './testing/refusal';


describe('adding a newly consented agency (re-wrap + share statement)', () => {
  let sodium: Sodium;
  let custodian: FixtureAgency;
  let partner: FixtureAgency;
  let newcomer: FixtureAgency;
  let outsider: FixtureAgency;
  let envelope: SealedRecordV1;
  let stored: VerifiedRecordV1;
  let share: SharedWrapV1;
  let consentId: string;
  const body = utf8('Protective order granted; respondent must stay 500 ft away.');

  beforeAll(async () => {
    sodium = await getSodium();
    [custodian, partner, newcomer, outsider] = await fixtureAgencies(4, 'share');
    envelope = await fixtureSeal({ author: custodian, others: [partner], body });
    stored = await verifyEnvelope(envelope, DEFAULT_ENVELOPE_LIMITS, directory());
    consentId = fixtureUuid(sodium, 'share/consent');
    share = await rewrapForAgency(envelope, signerOf(custodian), directory(), newRecipient(newcomer));
  });

  const directory = () => directoryOf(custodian, partner, newcomer, outsider);
  const signerOf = (agency: FixtureAgency) => ({ identity: identityOf(agency), epoch: 1, signSecretKey: current(agency).sign.privateKey });
  const newRecipient = (agency: FixtureAgency) => ({ agencyId: agency.agencyId, epoch: 1, consentId, boxPublicKey: current(agency).box.publicKey });

  it('the server accepts the share and the new agency opens the record with it', async () => {
    const verified = await verifyShare(share, stored, directory());
    expect(verified.agencyId).toBe(newcomer.agencyId);
    expect(verified.consentId).toBe(consentId);
    const opened = await openRecord(envelope, identityOf(newcomer), directory(), { share });
    expect(Buffer.from(opened.body).equals(Buffer.from(body))).toBe(true);
    expect(opened.sharedBy).toEqual({ agencyId: custodian.agencyId, epoch: 1, consentId });
  });

  it('without the share the new agency is not a recipient', async () => {
    expect(await refusalCode(openRecord(envelope, identityOf(newcomer), directory()))).toBe('not_a_recipient');
  });

  it('refuses a share whose consent, agency or wrap was altered', async () => {
    const otherConsent = fixtureUuid(sodium, 'share/other-consent');
    expect(await refusalCode(verifyShare({ ...share, consentId: otherConsent }, stored, directory()))).toBe('bad_share_signature');
    const wrap = fromBase64Strict(share.wrap) as Uint8Array;
    wrap[wrap.length - 1] ^= 1;
    expect(await refusalCode(verifyShare({ ...share, wrap: toBase64(wrap) }, stored, directory()))).toBe('bad_share_signature');
    expect(await refusalCode(verifyShare({ ...share, agencyId: outsider.agencyId }, stored, directory()))).toBe('bad_share_signature');
  });

  it('refuses a share for another record, or for an agency already in the manifest', async () => {
    const otherRecord = { ...stored, recordId: fixtureUuid(sodium, 'share/other-record') };
    expect(await refusalCode(verifyShare(share, otherRecord, directory()))).toBe('share_mismatch');
    expect(await refusalCode(rewrapForAgency(envelope, signerOf(custodian), directory(), newRecipient(partner)))).toBe('already_recipient');
  });

  it('refuses a share from an agency the author did not seal for', async () => {
    const forged = { ...share, sharerAgencyId: outsider.agencyId };
    expect(await refusalCode(verifyShare(forged, stored, directory()))).toBe('sharer_not_recipient');
    expect(await refusalCode(rewrapForAgency(envelope, signerOf(outsider), directory(), newRecipient(newcomer)))).toBe('not_a_recipient');
  });

  it('refuses a share signed with a key other than the named sharer epoch', async () => {
    const byPartner = await rewrapForAgency(envelope, signerOf(partner), directory(), newRecipient(newcomer));
    expect(await refusalCode(verifyShare(byPartner, stored, directory()))).toBe('accepted');
    const misattributed = { ...byPartner, sharerAgencyId: custodian.agencyId };
    expect(await refusalCode(verifyShare(misattributed, stored, directory()))).toBe('bad_share_signature');
  });

  it('the reader refuses a share meant for another agency', async () => {
    expect(await refusalCode(openRecord(envelope, identityOf(outsider), directory(), { share }))).toBe('share_mismatch');
  });
});
