import { randomUUID } from 'node:crypto';
import { type AgencyEvent, collect, isConflict, isNotCovered, isNotFound, ReferralStatusRefused, ReleaseNotUsable } from '../../src/sdk';
import { type ListeningApp } from '../support/sdk';
import { feedOnce, lossyClient, type PoliceAndAdvocacy, policeAndAdvocacy, type SdkAgency, writtenRelease } from '../support/sdk-world';

/**
 * Issue 6 through the SDK, one call per step: the police refer a survivor to the advocacy program
 * under her written release; the program receives, accepts, works and completes it, and shares
 * an outcome note back, which the police open. All sealing and opening happens in the SDK.
 */
describe('SDK: the closed referral loop (issue 6)', () => {
  let world: PoliceAndAdvocacy;
  let app: ListeningApp;
  let police: SdkAgency;
  let advocacy: SdkAgency;

  beforeAll(async () => {
    world = await policeAndAdvocacy();
    ({ app, police, advocacy } = world);
  });
  afterAll(() => world?.close());

  /** A police case and the survivor's release to advocacy: referral, share-back, and coordination notes. */
  async function policeCaseWithRelease() {
    const { id: caseId } = await police.client.cases.open();
    const release = await police.client.consents.record(
      caseId,
      writtenRelease(advocacy.agencyId, {
        actions: ['receive_referral', 'share_status_back', 'share_content_back', 'receive_notes'],
        categories: ['coordination'],
        purpose: 'advocacy_services',
      }),
    );
    return { caseId, consentId: release.id };
  }

  const packet = { lethalityScreen: 'screened in', safeToCall: 'after 6pm', needs: ['shelter', 'protection order'] };

  it('runs the whole loop: sent, received, accepted, in progress, completed with an outcome note opened by the police', async () => {
    const { caseId, consentId } = await policeCaseWithRelease();
    const sent = await police.client.referrals.send({ fromCaseId: caseId, toAgencyId: advocacy.agencyId, consentId, purpose: 'advocacy_services', priority: 'urgent', content: packet });
    expect(sent).toMatchObject({ status: 'requested', yourSide: 'sender', caseId, version: 1, replayed: false, idempotencyKey: expect.any(String) });

    const inbox = await collect(advocacy.client.referrals.list({ box: 'in', status: 'requested' }));
    expect(inbox.map((each) => each.id)).toContain(sent.id);
    const received = await advocacy.client.referrals.get(sent.id);
    expect(received).toMatchObject({ yourSide: 'receiver', content: packet, record: { category: 'referral', authorAgencyId: police.agencyId } });
    expect(received.caseId).not.toBe(caseId);

    let moved = await advocacy.client.referrals.setStatus(sent.id, { status: 'received', version: received.version });
    moved = await advocacy.client.referrals.setStatus(sent.id, { status: 'accepted', version: moved.version });
    moved = await advocacy.client.referrals.setStatus(sent.id, { status: 'in_progress' });
    moved = await advocacy.client.referrals.shareOutcome(sent.id, 'Safety plan made; shelter bed found.', { version: moved.version });
    expect(moved.outcomeAvailable).toBe(true);
    const done = await advocacy.client.referrals.setStatus(sent.id, { status: 'completed', outcome: 'got_help' });
    expect(done).toMatchObject({ status: 'completed', outcome: 'got_help' });

    const seen = await police.client.referrals.get(sent.id);
    expect(seen).toMatchObject({ status: 'completed', outcome: 'got_help', statusDetailsShared: true, outcomeAvailable: true, content: packet });
    expect(seen.history.map((change) => change.toStatus)).toEqual(['requested', 'received', 'accepted', 'in_progress', 'completed']);
    const outcome = await police.client.referrals.readOutcome(sent.id);
    expect(outcome).toMatchObject({ text: 'Safety plan made; shelter bed found.', record: { category: 'outcome', authorAgencyId: advocacy.agencyId } });

  });

  it('tells both sides what changed through the event feed, ids only', async () => {
    const { caseId, consentId } = await policeCaseWithRelease();
    const sent = await police.client.referrals.send({ fromCaseId: caseId, toAgencyId: advocacy.agencyId, consentId, purpose: 'advocacy_services', priority: 'urgent', content: packet });
    await advocacy.client.referrals.setStatus(sent.id, { status: 'received', version: 1 });
    await advocacy.client.referrals.shareOutcome(sent.id, 'Intake call booked.', { version: 2 });
    const typesFor = (events: AgencyEvent[]) => events.filter((event) => event.referralId === sent.id).map((event) => event.type);
    const policeEvents = await feedOnce(police.client, (events) => typesFor(events).includes('referral.outcome_shared'));
    expect(typesFor(policeEvents)).toEqual(['referral.status_changed', 'referral.outcome_shared']);
    const advocacyEvents = await feedOnce(advocacy.client, (events) => typesFor(events).includes('referral.received'));
    expect(advocacyEvents).toEqual(expect.arrayContaining([{ type: 'referral.received', referralId: sent.id, caseId: expect.any(String), consentId: null, recordId: null, cursor: expect.any(String), occurredAt: expect.any(String) }]));
    const drained = await advocacy.client.events.poll({ after: advocacyEvents.at(-1)?.cursor });
    expect(drained.events.filter((event) => event.referralId === sent.id)).toEqual([]);
  }, 120_000);

  it('types the refusals of a status change: wrong side, stale version, illegal transition', async () => {
    const { caseId, consentId } = await policeCaseWithRelease();
    const sent = await police.client.referrals.send({ fromCaseId: caseId, toAgencyId: advocacy.agencyId, consentId, purpose: 'advocacy_services', priority: 'routine', content: packet });
    const wrongSide = await police.client.referrals.setStatus(sent.id, { status: 'accepted', version: 1 }).catch((e: unknown) => e);
    expect(wrongSide).toBeInstanceOf(ReferralStatusRefused);
    expect(wrongSide).toMatchObject({ refusal: 'wrong_side', status: 403 });
    await advocacy.client.referrals.setStatus(sent.id, { status: 'accepted', version: 1 });
    const stale = await advocacy.client.referrals.setStatus(sent.id, { status: 'in_progress', version: 1 }).catch((e: unknown) => e);
    expect(stale).toMatchObject({ refusal: 'version_conflict', currentVersion: 2, status: 409 });
    const illegal = await advocacy.client.referrals.setStatus(sent.id, { status: 'requested' }).catch((e: unknown) => e);
    expect(illegal).toMatchObject({ refusal: 'illegal_transition', status: 409 });
  });

  it('sends once per idempotency key, recognising a repeat of the same request across restarts', async () => {
    const { caseId, consentId } = await policeCaseWithRelease();
    const request = { fromCaseId: caseId, toAgencyId: advocacy.agencyId, consentId, purpose: 'advocacy_services' as const, priority: 'urgent' as const, content: packet, idempotencyKey: `rms-${randomUUID()}` };
    const first = await police.client.referrals.send(request);
    const repeat = await police.client.referrals.send(request); // sealed anew: another body, the same request
    expect(repeat).toMatchObject({ id: first.id, replayed: true });
    const changed = await police.client.referrals.send({ ...request, content: { ...packet, needs: ['housing'] } }).catch((e: unknown) => e);
    expect(isConflict(changed, 'idempotency-key-reused')).toBe(true);
    const outbox = await collect(police.client.referrals.list({ box: 'out' }));
    expect(outbox.filter((each) => each.caseId === caseId)).toHaveLength(1);
  });

  it('survives lost answers: the retry of a send, a case, a release and a note acts once', async () => {
    const posts = (path: RegExp) => (method: string, url: string) => method === 'POST' && path.test(new URL(url).pathname);
    const cases = lossyClient(app, police, posts(/^\/cases$/));
    const { id: caseId } = await (await cases.client).cases.open({ profile: { names: ['R.'] } });
    expect(cases.dropped).toEqual(['POST /cases']);
    const consents = lossyClient(app, police, posts(/\/consents$/));
    const release = await (await consents.client).consents.record(caseId, writtenRelease(advocacy.agencyId, { actions: ['receive_referral', 'receive_notes'], categories: ['coordination'], purpose: 'advocacy_services' }));
    expect(consents.dropped).toHaveLength(1);
    expect(release).toMatchObject({ replayed: true, currentVersion: 1 });
    const referrals = lossyClient(app, police, posts(/^\/referrals$/));
    const sent = await (await referrals.client).referrals.send({ fromCaseId: caseId, toAgencyId: advocacy.agencyId, consentId: release.id, purpose: 'advocacy_services', priority: 'urgent', content: packet });
    expect(referrals.dropped).toEqual(['POST /referrals']);
    expect(sent.replayed).toBe(true);
    const notes = lossyClient(app, police, posts(/\/notes$/));
    const note = await (await notes.client).notes.add(caseId, { category: 'coordination', content: 'Once only.' });
    expect(notes.dropped).toHaveLength(1);
    expect(note.replayed).toBe(true);

    expect(await collect(police.client.cases.list())).toEqual(expect.arrayContaining([expect.objectContaining({ id: caseId })]));
    expect(await police.client.consents.list(caseId)).toHaveLength(1);
    expect((await collect(police.client.referrals.list({ box: 'out' }))).filter((each) => each.caseId === caseId)).toHaveLength(1);
    expect(await police.client.notes.list(caseId)).toEqual([expect.objectContaining({ id: note.id, version: 1 })]);
    await expect(police.client.cases.readProfile(caseId)).resolves.toEqual({ names: ['R.'] });
  });

  it('refuses on the client a referral its release does not cover, and the server refuses an outcome without share-back', async () => {
    const { id: caseId } = await police.client.cases.open();
    const notesOnly = await police.client.consents.record(caseId, writtenRelease(advocacy.agencyId, { categories: ['coordination'], purpose: 'advocacy_services' }));
    const request = { fromCaseId: caseId, toAgencyId: advocacy.agencyId, consentId: notesOnly.id, purpose: 'advocacy_services' as const, priority: 'routine' as const, content: packet };
    const refused = await police.client.referrals.send(request).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ReleaseNotUsable);
    expect(refused).toMatchObject({ consentId: notesOnly.id, reason: 'action_not_covered' });

    const referralOnly = await police.client.consents.record(caseId, writtenRelease(advocacy.agencyId, { actions: ['receive_referral'], categories: [], purpose: 'advocacy_services' }));
    const sent = await police.client.referrals.send({ ...request, consentId: referralOnly.id });
    const outcome = await advocacy.client.referrals.shareOutcome(sent.id, 'Outcome the release does not let us share.').catch((e: unknown) => e);
    expect(isNotCovered(outcome)).toEqual({ recipientAgencyId: police.agencyId, reason: 'action_not_covered' });
    expect((await police.client.referrals.get(sent.id)).outcomeAvailable).toBe(false);
    expect(isNotFound(await police.client.referrals.readOutcome(sent.id).catch((e: unknown) => e))).toBe(true);
  });

  it('refuses a note in a category the release does not cover, and keeps privileged counselling internal', async () => {
    const { caseId } = await policeCaseWithRelease();
    const uncovered = await police.client.notes.add(caseId, { category: 'children', content: 'The children saw it.', intendedFor: [advocacy.agencyId] }).catch((e: unknown) => e);
    expect(uncovered).toMatchObject({ reason: 'category_not_covered' });
    expect(uncovered).toBeInstanceOf(ReleaseNotUsable);
    // Forcing the wrap past the SDK's computation: the server refuses it too (and logs the refusal).
    const forced = await police.client.records.seal({ caseId, category: 'children', body: 'x', recipients: [{ agencyId: advocacy.agencyId, consentId: (await police.client.consents.list(caseId))[0].id }] });
    const byServer = await police.client.http.request({ method: 'POST', path: `/cases/${caseId}/notes`, json: { category: 'children', content: forced } }).catch((e: unknown) => e);
    expect(isNotCovered(byServer)).toEqual({ recipientAgencyId: advocacy.agencyId, reason: 'category_not_covered' });
    expect(await police.client.notes.list(caseId)).toEqual([]);

    const shareable = await police.client.notes.add(caseId, { category: 'coordination', content: 'Court date moved to Friday.', intendedFor: [advocacy.agencyId] });
    expect(shareable.recipients.map((each) => each.agencyId).sort()).toEqual([police.agencyId, advocacy.agencyId].sort());
    await expect(advocacy.client.notes.read(shareable.id)).resolves.toMatchObject({ text: 'Court date moved to Friday.' });

    const privileged = await police.client.notes.add(caseId, { category: 'privileged_counseling', content: 'Counselling session notes.', intendedFor: [advocacy.agencyId] }).catch((e: unknown) => e);
    expect(privileged).toMatchObject({ reason: 'custodian_only_category' });
    const internal = await police.client.notes.add(caseId, { category: 'privileged_counseling', content: 'Counselling session notes.' });
    expect(internal.recipients).toEqual([expect.objectContaining({ agencyId: police.agencyId, basisKind: 'custodian' })]);
    expect(isNotFound(await advocacy.client.notes.read(internal.id).catch((e: unknown) => e))).toBe(true);
    await expect(police.client.notes.read(internal.id)).resolves.toMatchObject({ text: 'Counselling session notes.' });
  });
});
