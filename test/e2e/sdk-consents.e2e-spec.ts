import { verifyConsentRevocation } from '../../src/consent/consent-terms';
import { fromBase64Strict } from '../../src/crypto';
import { CcrApiError, type CcrClient, isConflict, isNotFound, isVersionConflict, ReleaseSignatureInvalid } from '../../src/sdk';
import { withAdminClient } from '../support/database';
import { type ListeningApp, startListeningApp, TempFolder } from '../support/sdk';
import { personClient, sdkAgency, type SdkAgency, writtenRelease } from '../support/sdk-world';

/**
 * Issue 5 through the SDK: an advocacy program opens a case with the survivor's sealed profile,
 * records her release to the prosecutor (signed on the client), amends and revokes it, and
 * watches the revocation cascade reach the prosecutor's copy and an open referral.
 */
describe('SDK: cases, consents and mandates (issue 5)', () => {
  let app: ListeningApp;
  let folder: TempFolder;
  let shelter: SdkAgency;
  let prosecution: SdkAgency;
  let advocate: CcrClient;

  beforeAll(async () => {
    app = await startListeningApp();
    folder = await TempFolder.create();
    shelter = await sdkAgency(app, folder, 'advocacy', 'vawa_fvpsa_voca');
    prosecution = await sdkAgency(app, folder, 'prosecution', 'criminal_justice');
    advocate = await personClient(app, shelter, ['advocate']);
  });
  afterAll(async () => {
    for (const agency of [shelter, prosecution]) await agency.keystore.close();
    await app.close();
    await folder.remove();
  });

  it('opens a case with a sealed profile, reads it back, and replaces it', async () => {
    const profile = { names: ['Rosa M.'], safeContact: 'text only, after 6pm' };
    const handle = await shelter.client.cases.open({ profile });
    expect(handle).toMatchObject({ custodianAgencyId: shelter.agencyId, linkedFromCaseId: null, profileRecordId: expect.any(String) });
    await expect(shelter.client.cases.readProfile(handle.id)).resolves.toEqual(profile);

    const replaced = await shelter.client.cases.replaceProfile(handle.id, { ...profile, safeContact: 'call the sister' });
    expect(replaced.profileRecordId).not.toBe(handle.profileRecordId);
    await expect(shelter.client.cases.readProfile(handle.id)).resolves.toMatchObject({ safeContact: 'call the sister' });

    const plain = await shelter.client.cases.open();
    expect(plain.profileRecordId).toBeNull();
    const listed: string[] = [];
    for await (const each of shelter.client.cases.list({ limit: 1 })) listed.push(each.id);
    expect(listed).toEqual(expect.arrayContaining([handle.id, plain.id]));
    const foreign = await prosecution.client.cases.get(handle.id).catch((e: unknown) => e);
    expect(isNotFound(foreign)).toBe(true);
  });

  it('records, amends and verifies a release signed by the agency, with the survivor words sealed', async () => {
    const { id: caseId } = await shelter.client.cases.open();
    const recorded = await advocate.consents.record(caseId, writtenRelease(prosecution.agencyId, { survivorWords: 'Only so the prosecutor knows about the strangulation.' }));
    expect(recorded).toMatchObject({ status: 'active', releasesData: true, currentVersion: 1, custodianAgencyId: shelter.agencyId, wrapsWithdrawn: [] });
    expect(recorded.current.termsRecordId).toEqual(expect.any(String));
    await expect(shelter.client.consents.verify(recorded)).resolves.toBe(recorded);

    const amended = await shelter.client.consents.amend(recorded.id, { categories: ['risk', 'safety_plan', 'legal'] });
    expect(amended).toMatchObject({ currentVersion: 2, current: { categories: ['risk', 'safety_plan', 'legal'], termsRecordId: recorded.current.termsRecordId } });
    await expect(shelter.client.consents.verify(await shelter.client.consents.get(recorded.id))).resolves.toMatchObject({ currentVersion: 2 });

    const stale = await shelter.client.consents.amend(recorded.id, { categories: ['risk'], expectedVersion: 1 }).catch((e: unknown) => e);
    expect(isVersionConflict(stale)).toEqual({ currentVersion: 2 });
    expect((await shelter.client.consents.list(caseId)).map((each) => each.id)).toEqual([recorded.id]);
    expect(isNotFound(await prosecution.client.consents.get(recorded.id).catch((e: unknown) => e))).toBe(true);
  });

  it('revokes at once: the shared note becomes unreadable (404), the open referral is cancelled, nothing read is hidden', async () => {
    const { id: caseId } = await shelter.client.cases.open();
    const release = await shelter.client.consents.record(
      caseId,
      writtenRelease(prosecution.agencyId, { actions: ['receive_referral', 'receive_notes'], categories: ['risk'], purpose: 'protection_order_support' }),
    );
    const note = await shelter.client.notes.add(caseId, { category: 'risk', content: 'Strangulation last week; he has a gun.' });
    expect(note.recipients.map((each) => each.agencyId).sort()).toEqual([shelter.agencyId, prosecution.agencyId].sort());
    await expect(prosecution.client.notes.read(note.id)).resolves.toMatchObject({ text: 'Strangulation last week; he has a gun.' });
    const referral = await shelter.client.referrals.send({
      fromCaseId: caseId,
      toAgencyId: prosecution.agencyId,
      consentId: release.id,
      purpose: 'protection_order_support',
      priority: 'urgent',
      content: { ask: 'protection order support' },
    });
    await prosecution.client.referrals.setStatus(referral.id, { status: 'received' });

    const revocation = await advocate.consents.revoke(release.id, { channel: 'phone' });
    expect(revocation.consent).toMatchObject({ status: 'revoked', releasesData: false, revocation: { channel: 'phone', signerEpoch: 1 } });
    const signature = fromBase64Strict(revocation.consent.revocation?.signature ?? '') as Uint8Array;
    await expect(verifyConsentRevocation(release.id, 1, 'phone', signature, shelter.keystore.current.sign.publicKey)).resolves.toBe(true);
    expect(revocation.effects).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'referrals_cancelled', ids: [referral.id] })]));
    // The prosecutor read the note, and the packet when setStatus read the referral first: both stay read.
    expect(revocation.notRecalled).toHaveLength(2);
    expect(revocation.notRecalled).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ recipientAgencyId: prosecution.agencyId, recordIds: [note.currentRecordId], categories: ['risk'] }),
        expect.objectContaining({ recipientAgencyId: prosecution.agencyId, categories: ['referral'] }),
      ]),
    );

    expect(isNotFound(await prosecution.client.notes.read(note.id).catch((e: unknown) => e))).toBe(true);
    expect(isNotFound(await prosecution.client.referrals.get(referral.id).catch((e: unknown) => e))).toBe(true);
    const seen = await shelter.client.referrals.get(referral.id);
    expect(seen).toMatchObject({ status: 'cancelled', content: { ask: 'protection order support' } });
    expect(seen.history.at(-1)).toMatchObject({ toStatus: 'cancelled', side: 'system' });

    const after = await shelter.client.notes.add(caseId, { category: 'risk', content: 'New threat.' });
    expect(after.recipients.map((each) => each.agencyId)).toEqual([shelter.agencyId]);
    expect(after.excluded).toEqual([{ agencyId: prosecution.agencyId, reason: 'consent_revoked' }]);
    expect(isConflict(await shelter.client.consents.amend(release.id, { categories: ['risk'] }).catch((e: unknown) => e), 'consent-revoked')).toBe(true);
    expect(isConflict(await shelter.client.consents.revoke(release.id, { channel: 'phone' }).catch((e: unknown) => e), 'consent-already-revoked')).toBe(true);
  });

  it('refuses to seal when a release of the case was altered behind the agency (its signature no longer verifies)', async () => {
    const { id: caseId } = await shelter.client.cases.open();
    const release = await shelter.client.consents.record(caseId, writtenRelease(prosecution.agencyId, { categories: ['risk'] }));
    await withAdminClient(async (db) => {
      await db.query('SET session_replication_role = replica'); // an operator bypassing the append-only trigger
      await db.query(`UPDATE consent_versions SET categories = ARRAY['risk','children'] WHERE consent_id = $1`, [release.id]);
    }, app.t.database.url);
    const error = await shelter.client.notes.add(caseId, { category: 'children', content: 'The children saw it.' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReleaseSignatureInvalid);
    expect(error).toMatchObject({ consentId: release.id, version: 1 });
    expect(await shelter.client.notes.list(caseId)).toEqual([]);
  });

  it('registers a court order with sealed details, records the notification and withdraws it (people only)', async () => {
    const { id: caseId } = await shelter.client.cases.open();
    const now = Date.now();
    const registration = {
      basis: 'court_order' as const,
      recipientAgencyId: prosecution.agencyId,
      categories: ['risk' as const],
      validFrom: new Date(now - 60_000),
      reviewedAt: new Date(now - 30_000),
      survivorNotification: 'pending' as const,
      details: { docket: '27-CR-26-1234', court: 'Fourth Judicial District' },
    };
    const mandate = await advocate.mandates.register(caseId, registration);
    expect(mandate).toMatchObject({ status: 'active', basis: 'court_order', detailsRecordId: expect.any(String), survivorNotification: 'pending' });
    const bySystem = await shelter.client.mandates.register(caseId, registration).catch((e: unknown) => e);
    expect(bySystem).toBeInstanceOf(CcrApiError);
    expect(bySystem).toMatchObject({ status: 403 });
    expect(await shelter.client.mandates.list(caseId)).toHaveLength(1);

    const notified = await advocate.mandates.update(mandate.id, { survivorNotification: 'notified', survivorNotifiedAt: new Date() });
    expect(notified).toMatchObject({ survivorNotification: 'notified', survivorNotifiedAt: expect.any(String) });
    const withdrawn = await advocate.mandates.update(mandate.id, { withdrawn: true });
    expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawnAt: expect.any(String) });
    expect(isConflict(await advocate.mandates.update(mandate.id, { withdrawn: true }).catch((e: unknown) => e), 'mandate-already-withdrawn')).toBe(true);
    await expect(shelter.client.mandates.list(caseId)).resolves.toEqual([expect.objectContaining({ id: mandate.id, status: 'withdrawn' })]);
    expect(isNotFound(await prosecution.client.mandates.get(mandate.id).catch((e: unknown) => e))).toBe(true);
  });
});
