import { randomUUID } from 'node:crypto';
import { EnvelopeError, fromUtf8, generateAgencyKeyEpoch, type SealedRecordV1 } from '../../crypto';
import { offlineRecords } from '../client';
import { CcrUsageError, KeyNotAvailable, KeyPinViolation } from '../errors';
import { agencyNetwork, type TestAgency } from '../testing/agency-network';
import { TempFolder } from '../testing/fixtures';
import { listingFor } from '../testing/in-memory-key-registry';

describe('RecordCrypto (seal and open through the SDK)', () => {
  let folder: TempFolder;
  let advocacy: TestAgency, police: TestAgency, court: TestAgency, health: TestAgency;
  let registry: Awaited<ReturnType<typeof agencyNetwork>>['registry'];
  const caseId = randomUUID();
  const consent = { police: randomUUID(), court: randomUUID(), health: randomUUID() };

  // One network for the suite (Argon2id makes keystores slow to create); a test that makes the
  // directory lie undoes it, and the one that rotates runs last.
  beforeAll(async () => {
    folder = await TempFolder.create();
    const network = await agencyNetwork(folder, ['advocacy', 'police', 'court', 'health']);
    ({ advocacy, police, court, health } = network.agencies);
    registry = network.registry;
  });
  afterAll(() => folder.remove());
  afterEach(() => registry.overrides.clear());

  const sealFromAdvocacy = (body = 'safety plan: meet at the library') =>
    advocacy.records.seal({
      caseId,
      category: 'safety_plan',
      body,
      recipients: [
        { agencyId: police.keystore.agencyId, consentId: consent.police },
        { agencyId: court.keystore.agencyId, consentId: consent.court },
      ],
    });

  it('seals for several agencies plus the author, each of which opens and verifies it', async () => {
    const record = await sealFromAdvocacy();
    expect(record.wraps.map((w) => w.agencyId).sort()).toEqual([advocacy, police, court].map((a) => a.keystore.agencyId).sort());
    expect(record.wraps.find((w) => w.agencyId === advocacy.keystore.agencyId)?.consentId).toBeNull();
    expect(record.wraps.find((w) => w.agencyId === police.keystore.agencyId)?.consentId).toBe(consent.police);

    for (const reader of [advocacy, police, court]) {
      const opened = await reader.records.open(record);
      expect(fromUtf8(opened.body)).toBe('safety plan: meet at the library');
      expect(opened.metadata).toMatchObject({ caseId, category: 'safety_plan', authorAgencyId: advocacy.keystore.agencyId });
    }
  });

  it('refuses a reader that is not a recipient, and a tampered record', async () => {
    const record = await sealFromAdvocacy();
    await expect(health.records.open(record)).rejects.toMatchObject({ code: 'not_a_recipient' });
    const tampered: SealedRecordV1 = { ...record, category: 'risk' };
    await expect(police.records.open(tampered)).rejects.toBeInstanceOf(EnvelopeError);
  });

  it('adds a newly consented agency with a share, which that agency opens', async () => {
    const record = await sealFromAdvocacy();
    const share = await advocacy.records.share(record, { agencyId: health.keystore.agencyId, consentId: consent.health });
    const opened = await health.records.open(record, { share });
    expect(fromUtf8(opened.body)).toBe('safety plan: meet at the library');
    expect(opened.sharedBy).toEqual({ agencyId: advocacy.keystore.agencyId, epoch: 1, consentId: consent.health });
  });

  it('refuses to seal for a recipient whose keys the directory substituted', async () => {
    await advocacy.directory.refresh(police.keystore.agencyId);
    registry.overrides.set(police.keystore.agencyId, await listingFor([await generateAgencyKeyEpoch(police.keystore.agencyId, 1)]));
    await advocacy.directory.refresh(court.keystore.agencyId);
    const error = await advocacy.directory.refresh(police.keystore.agencyId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyPinViolation);
  });

  it('refuses to open a record whose author key is substituted in the reader directory', async () => {
    const record = await sealFromAdvocacy();
    registry.overrides.set(advocacy.keystore.agencyId, await listingFor([await generateAgencyKeyEpoch(advocacy.keystore.agencyId, 1)]));
    await police.directory.forget(advocacy.keystore.agencyId); // even with no prior pin, the forged author key fails the signature
    await expect(police.records.open(record)).rejects.toMatchObject({ code: 'bad_signature' });
    // That lookup pinned the forged key on first use (the residual risk of TOFU): undo it.
    await police.directory.forget(advocacy.keystore.agencyId);
  });

  it('seals and opens offline with pinned keys only', async () => {
    await advocacy.directory.refresh(police.keystore.agencyId);
    await police.directory.refresh(advocacy.keystore.agencyId);
    const record = await offlineRecords(advocacy.keystore).seal({ caseId, category: 'risk', body: 'risk summary', recipients: [{ agencyId: police.keystore.agencyId, consentId: consent.police }] });
    await expect(offlineRecords(police.keystore).open(record)).resolves.toMatchObject({ metadata: { category: 'risk' } });
    const neverPinned = { agencyId: randomUUID(), consentId: randomUUID() };
    await expect(offlineRecords(advocacy.keystore).seal({ caseId, category: 'risk', body: 'x', recipients: [neverPinned] })).rejects.toBeInstanceOf(KeyNotAvailable);
  });

  it('never wraps a custodian-only category for another agency, and refuses odd recipient lists', async () => {
    const to = (agencyId: string) => [{ agencyId, consentId: randomUUID() }];
    await expect(advocacy.records.seal({ caseId, category: 'privileged_counseling', body: 'x', recipients: to(police.keystore.agencyId) })).rejects.toThrow('never leave');
    await expect(advocacy.records.seal({ caseId, category: 'privileged_counseling', body: 'x' })).resolves.toMatchObject({ category: 'privileged_counseling' });
    await expect(advocacy.records.seal({ caseId, category: 'risk', body: 'x', recipients: to(advocacy.keystore.agencyId) })).rejects.toBeInstanceOf(CcrUsageError);
    const twice = [...to(police.keystore.agencyId), ...to(police.keystore.agencyId)];
    await expect(advocacy.records.seal({ caseId, category: 'risk', body: 'x', recipients: twice })).rejects.toThrow('listed twice');
    const record = await advocacy.records.seal({ caseId, category: 'profile', body: 'names' });
    await expect(advocacy.records.share(record, to(health.keystore.agencyId)[0])).rejects.toThrow('never leave');
  });

  it('seals to the current epoch of a recipient that rotated, verified through its chain', async () => {
    await advocacy.directory.refresh(police.keystore.agencyId);
    await police.keys.rotate();
    const cached = await sealFromAdvocacy();
    expect(cached.wraps.find((w) => w.agencyId === police.keystore.agencyId)?.epoch).toBe(1); // within the freshness window
    await advocacy.directory.refresh(police.keystore.agencyId);
    const record = await sealFromAdvocacy();
    expect(record.wraps.find((w) => w.agencyId === police.keystore.agencyId)?.epoch).toBe(2);
    await expect(police.records.open(record)).resolves.toMatchObject({ signerEpoch: 1 });
    await expect(police.records.open(cached)).resolves.toMatchObject({ signerEpoch: 1 }); // old epochs still open
  });
});
