import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  type AgencyKeyEpoch,
  expectedWrapLength,
  fromBase64Strict,
  generateAgencyKeyEpoch,
  getSodium,
  type RecipientInput,
  rewrapForAgency,
  type SealedRecordV1,
  sealRecord,
  type SharedWrapV1,
  type ShareContext,
  signKeyRegistration,
  type SigningKeyLookup,
  toBase64,
  utf8,
} from '../../src/crypto';
import { resign } from '../../src/crypto/testing/fixtures';
import { inTransaction, pipelined } from '../../src/database/transactions';
import { EnvelopeVerifier, type UploadExpectations } from '../../src/keys/envelope-verifier';
import { EnvelopeRejectedError } from '../../src/records/records.errors';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { withAdminClient } from '../support/database';

/** A member agency as its own client sees it: its service account and every key epoch it holds. */
interface Member {
  agencyId: string;
  service: Actor;
  epochs: AgencyKeyEpoch[];
}

const current = (member: Member) => member.epochs[member.epochs.length - 1];

interface Refusal {
  reason: string;
  field: string;
  detail: string;
}

/** What a verification came to: 'accepted', or the reason, field and detail of its 422. */
async function outcome(promise: Promise<unknown>): Promise<'accepted' | Refusal> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    if (!(error instanceof EnvelopeRejectedError)) throw error;
    expect(error.status).toBe(422);
    const errors = error.extensions.errors ?? [];
    return { reason: error.reason, field: errors[0]?.field ?? '', detail: error.detail };
  }
}

describe('EnvelopeVerifier (server-side checks on uploaded envelopes and shares)', () => {
  let t: TestApp;
  let ccr: TestCcr;
  let verifier: EnvelopeVerifier;
  let author: Member;
  let prosecution: Member;
  let health: Member;
  let rotated: Member;
  let noKeys: Member;
  let suspended: Member;
  let coordinatingBody: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { ENVELOPE_MAX_CIPHERTEXT: '2kb', ENVELOPE_MAX_RECIPIENTS: '4' } });
    ccr = new TestCcr(t);
    verifier = t.app.get(EnvelopeVerifier);
    author = await member('advocacy');
    prosecution = await member('prosecution', 1);
    health = await member('health', 1);
    rotated = await member('probation', 2);
    noKeys = await member('court', 0);
    suspended = await member('school', 1);
    const admin = await ccr.admin();
    await t.http().put(`/agencies/${suspended.agencyId}/status`).set('Authorization', admin.bearer).send({ status: 'suspended' }).expect(200);
    coordinatingBody = await ccr.coordinatingBodyId();
  });
  afterAll(() => t.close());

  /** An agency with a service account and `epochs` registered key epochs, through the API. */
  async function member(kind: 'advocacy' | 'prosecution' | 'health' | 'probation' | 'court' | 'school', epochs = 1): Promise<Member> {
    const agencyId = await ccr.agency(kind, kind === 'advocacy' ? 'vawa_fvpsa_voca' : 'none');
    const created: Member = { agencyId, service: await ccr.service(agencyId), epochs: [] };
    for (let i = 0; i < epochs; i++) await rotate(created);
    return created;
  }

  async function rotate(agency: Member): Promise<void> {
    const keys = await generateAgencyKeyEpoch(agency.agencyId, agency.epochs.length + 1);
    const registration = await signKeyRegistration(keys, agency.epochs.at(-1)?.sign.privateKey);
    await t.http().post(`/agencies/${agency.agencyId}/keys`).set('Authorization', agency.service.bearer).send(registration).expect(201);
    agency.epochs.push(keys);
  }

  const recipient = (agency: Member, epoch = current(agency)): RecipientInput & { consentId: string } => ({
    agencyId: agency.agencyId,
    epoch: epoch.epoch,
    consentId: randomUUID(),
    boxPublicKey: epoch.box.publicKey,
  });

  /** A recipient the directory does not hold (an unknown or keyless agency): any valid X25519 key. */
  async function strangerRecipient(agencyId: string, epoch = 1): Promise<RecipientInput> {
    const keys = await generateAgencyKeyEpoch(agencyId, epoch);
    return { agencyId, epoch, consentId: randomUUID(), boxPublicKey: keys.box.publicKey };
  }

  async function seal(by: Member, others: RecipientInput[], options: { signer?: AgencyKeyEpoch; ownWrap?: AgencyKeyEpoch; body?: Uint8Array } = {}): Promise<SealedRecordV1> {
    const signer = options.signer ?? current(by);
    const ownWrap = options.ownWrap ?? signer;
    return sealRecord({
      recordId: randomUUID(),
      caseId: randomUUID(),
      category: 'safety_plan',
      authorAgencyId: by.agencyId,
      createdAt: new Date().toISOString(),
      supersedes: null,
      body: options.body ?? utf8('Safety plan: code word with the neighbour; spare keys at the shelter.'),
      author: { epoch: signer.epoch, signSecretKey: signer.sign.privateKey },
      recipients: [{ agencyId: by.agencyId, epoch: ownWrap.epoch, consentId: null, boxPublicKey: ownWrap.box.publicKey }, ...others],
    });
  }

  const verify = (envelope: unknown, expected?: UploadExpectations) => outcome(verifier.verifyUpload(envelope, expected));
  const indexOf = (envelope: SealedRecordV1, agencyId: string) => envelope.wraps.findIndex((wrap) => wrap.agencyId === agencyId);
  const signedByAuthor = (envelope: SealedRecordV1) => resign(envelope, current(author).sign.privateKey);

  it('accepts a well-formed envelope signed at the current epoch and sealed to current epochs, and returns it decoded', async () => {
    const envelope = await seal(author, [recipient(prosecution), recipient(rotated)]);
    const verified = await verifier.verifyUpload(envelope, { authorAgencyId: author.agencyId, caseId: envelope.caseId, category: 'safety_plan' });
    expect(verified.recordId).toBe(envelope.recordId);
    expect(verified.signerEpoch).toBe(1);
    expect(verified.wraps.map((wrap) => [wrap.agencyId, wrap.epoch])).toEqual(envelope.wraps.map((wrap) => [wrap.agencyId, wrap.epoch]));
    expect(verified.wraps.every((wrap) => wrap.wrapHash.length === 32)).toBe(true);
    expect(Buffer.from(verified.ciphertext).toString('base64')).toBe(envelope.ciphertext);
  });

  it('refuses each structural defect with its own reason and field, never echoing ciphertext, wraps or signatures', async () => {
    const sodium = await getSodium();
    const envelope = await seal(author, [recipient(prosecution)]);
    const otherIndex = indexOf(envelope, prosecution.agencyId);
    const other = envelope.wraps[otherIndex];
    const unconsented = toBase64(sodium.randombytes_buf(expectedWrapLength(envelope.recordId, other.agencyId, other.epoch, null)));
    const flipped = fromBase64Strict(envelope.signature) as Uint8Array;
    flipped[0] ^= 1;
    const manyRecipients = await Promise.all([1, 2, 3, 4].map(() => strangerRecipient(randomUUID())));

    const cases: [string, unknown, string, string][] = [
      ['not an object', 'an envelope', 'malformed', 'envelope'],
      ['an unknown member', { ...envelope, note: 'x' }, 'malformed', 'envelope'],
      ['version 2', await signedByAuthor({ ...envelope, v: 2 as 1 }), 'unsupported_version', 'envelope.v'],
      ['another suite', await signedByAuthor({ ...envelope, suite: 'ccr2' as 'ccr1' }), 'unsupported_suite', 'envelope.suite'],
      ['ciphertext above ENVELOPE_MAX_CIPHERTEXT', await seal(author, [], { body: new Uint8Array(4096) }), 'too_large', 'envelope.ciphertext'],
      ['more wraps than ENVELOPE_MAX_RECIPIENTS', await seal(author, manyRecipients), 'too_large', 'envelope.wraps'],
      ['wraps out of order', await signedByAuthor({ ...envelope, wraps: [...envelope.wraps].reverse() }), 'wraps_not_canonical', 'envelope.wraps'],
      ['one agency twice', await signedByAuthor({ ...envelope, wraps: [envelope.wraps[0], ...envelope.wraps].sort((a, b) => (a.agencyId < b.agencyId ? -1 : a.agencyId > b.agencyId ? 1 : 0)) }), 'duplicate_recipient', 'envelope.wraps'],
      ['the author not a recipient', await signedByAuthor({ ...envelope, wraps: [other] }), 'author_not_recipient', 'envelope.wraps'],
      [
        'another agency without a consent',
        await signedByAuthor({ ...envelope, wraps: envelope.wraps.map((wrap, i) => (i === otherIndex ? { ...wrap, consentId: null, wrap: unconsented } : wrap)) }),
        'consent_binding_invalid',
        'envelope.wraps',
      ],
      ['a flipped signature byte', { ...envelope, signature: toBase64(flipped) }, 'bad_signature', 'envelope.signature'],
      ['a signer epoch never registered', await signedByAuthor({ ...envelope, signerEpoch: 7 }), 'unknown_signing_key', 'envelope.signerEpoch'],
    ];
    for (const [name, candidate, reason, field] of cases) {
      const result = await verify(candidate);
      expect({ name, result }).toEqual({ name, result: { reason, field, detail: expect.any(String) } });
      const secrets = [envelope.ciphertext, envelope.signature, ...envelope.wraps.map((wrap) => wrap.wrap), toBase64(current(author).sign.publicKey)];
      for (const secret of secrets) expect((result as Refusal).detail).not.toContain(secret);
    }
  });

  it("refuses a record signed by another agency's key", async () => {
    const envelope = await seal(author, [recipient(prosecution)]);
    const forged = await resign(envelope, current(prosecution).sign.privateKey);
    expect(await verify(forged, { authorAgencyId: author.agencyId })).toMatchObject({ reason: 'bad_signature', field: 'envelope.signature' });
  });

  it("refuses a record that names another agency as its author than the caller's (author_mismatch)", async () => {
    const theirs = await seal(prosecution, [recipient(author)]);
    expect(await verify(theirs)).toBe('accepted');
    expect(await verify(theirs, { authorAgencyId: author.agencyId })).toEqual({ reason: 'author_mismatch', field: 'envelope.authorAgencyId', detail: expect.any(String) });
  });

  it('refuses a record sealed to a rotated-out epoch of a recipient, and accepts it sealed to the current one', async () => {
    const stale = await seal(author, [recipient(rotated, rotated.epochs[0])]);
    expect(await verify(stale)).toEqual({
      reason: 'epoch_not_current',
      field: `envelope.wraps[${indexOf(stale, rotated.agencyId)}].epoch`,
      detail: expect.stringContaining('rotated out'),
    });
    expect(await verify(await seal(author, [recipient(rotated, rotated.epochs[1])]))).toBe('accepted');
  });

  it('refuses unknown, suspended and keyless recipients, the coordinating body, and epochs never registered', async () => {
    const unknownId = randomUUID();
    const cases: [string, RecipientInput, string, 'agencyId' | 'epoch'][] = [
      ['an agency not in the directory', await strangerRecipient(unknownId), 'unknown_recipient_agency', 'agencyId'],
      ['a suspended agency', recipient(suspended), 'recipient_agency_suspended', 'agencyId'],
      ['an agency that registered no keys', await strangerRecipient(noKeys.agencyId), 'unknown_recipient_epoch', 'epoch'],
      ['the coordinating body', await strangerRecipient(coordinatingBody), 'recipient_not_member_agency', 'agencyId'],
      ['an epoch ahead of the registered ones', await strangerRecipient(prosecution.agencyId, 9), 'unknown_recipient_epoch', 'epoch'],
    ];
    for (const [name, other, reason, member] of cases) {
      const envelope = await seal(author, [other]);
      const result = await verify(envelope);
      expect({ name, result }).toEqual({ name, result: { reason, field: `envelope.wraps[${indexOf(envelope, other.agencyId)}].${member}`, detail: expect.any(String) } });
    }
  });

  it("requires the author's signer epoch, and its own wrap's epoch, to be current", async () => {
    const rotating = await member('advocacy', 1);
    const [first] = rotating.epochs;
    const sealedBefore = await seal(rotating, [recipient(prosecution)]);
    expect(await verify(sealedBefore, { authorAgencyId: rotating.agencyId })).toBe('accepted');
    await rotate(rotating);
    const second = current(rotating);

    expect(await verify(sealedBefore, { authorAgencyId: rotating.agencyId })).toEqual({ reason: 'signer_epoch_not_current', field: 'envelope.signerEpoch', detail: expect.any(String) });
    const oldOwnWrap = await seal(rotating, [recipient(prosecution)], { signer: second, ownWrap: first });
    expect(await verify(oldOwnWrap)).toMatchObject({ reason: 'epoch_not_current', field: `envelope.wraps[${indexOf(oldOwnWrap, rotating.agencyId)}].epoch` });
    expect(await verify(await seal(rotating, [recipient(prosecution)]), { authorAgencyId: rotating.agencyId })).toBe('accepted');
  });

  it("refuses an envelope for another case or category than the caller's request", async () => {
    const envelope = await seal(author, [recipient(prosecution)]);
    expect(await verify(envelope, { caseId: randomUUID() })).toMatchObject({ reason: 'case_mismatch', field: 'envelope.caseId' });
    expect(await verify(envelope, { category: 'risk' })).toMatchObject({ reason: 'category_mismatch', field: 'envelope.category' });
    expect(await verify(envelope, { caseId: envelope.caseId, category: envelope.category, authorAgencyId: author.agencyId })).toBe('accepted');
  });

  describe('shares (a wrap added for an agency that consented later)', () => {
    const localKeys = (...members: Member[]): SigningKeyLookup => (agencyId, epoch) => members.find((m) => m.agencyId === agencyId)?.epochs[epoch - 1]?.sign.publicKey;
    const sharerOf = (agency: Member, epoch = current(agency)) => ({
      identity: { agencyId: agency.agencyId, boxKeyPair: (e: number) => agency.epochs[e - 1]?.box },
      epoch: epoch.epoch,
      signSecretKey: epoch.sign.privateKey,
    });

    async function sealedAndShared(sharer: Member, to: RecipientInput & { consentId: string }): Promise<{ envelope: SealedRecordV1; context: ShareContext; share: SharedWrapV1 }> {
      const envelope = await seal(sharer, [recipient(prosecution)]);
      const verified = await verifier.verifyUpload(envelope);
      const share = await rewrapForAgency(envelope, sharerOf(sharer), localKeys(sharer, prosecution), to);
      return { envelope, context: { recordId: verified.recordId, keyCommitment: verified.keyCommitment, wraps: verified.wraps }, share };
    }

    const verifyShare = (share: unknown, context: ShareContext, sharerAgencyId?: string) => outcome(verifier.verifyShareUpload(share, context, { sharerAgencyId }));

    it('accepts a share by a manifest recipient at its current epoch for an agency at its current epoch', async () => {
      const { context, share } = await sealedAndShared(author, recipient(health));
      const verified = await verifier.verifyShareUpload(share, context, { sharerAgencyId: author.agencyId });
      expect(verified).toMatchObject({ agencyId: health.agencyId, epoch: 1, sharerAgencyId: author.agencyId, sharerEpoch: 1 });
    });

    it('refuses a share signed in the name of another agency than the caller, or with a bad signature', async () => {
      const { context, share } = await sealedAndShared(author, recipient(health));
      expect(await verifyShare(share, context, prosecution.agencyId)).toMatchObject({ reason: 'sharer_mismatch', field: 'share.sharerAgencyId' });
      const signature = fromBase64Strict(share.signature) as Uint8Array;
      signature[3] ^= 1;
      expect(await verifyShare({ ...share, signature: toBase64(signature) }, context)).toMatchObject({ reason: 'bad_share_signature', field: 'share.signature' });
      expect(await verifyShare({ ...share, recordId: randomUUID() }, context)).toMatchObject({ reason: 'share_mismatch' });
    });

    it("refuses a share sealed to a new recipient's rotated-out epoch, or to a suspended agency", async () => {
      const stale = await sealedAndShared(author, recipient(rotated, rotated.epochs[0]));
      expect(await verifyShare(stale.share, stale.context)).toMatchObject({ reason: 'epoch_not_current', field: 'share.epoch' });
      const toSuspended = await sealedAndShared(author, recipient(suspended));
      expect(await verifyShare(toSuspended.share, toSuspended.context)).toMatchObject({ reason: 'recipient_agency_suspended', field: 'share.agencyId' });
    });

    it("refuses a share signed under the sharer's rotated-out epoch", async () => {
      const custodian = await member('advocacy', 1);
      const { context, share } = await sealedAndShared(custodian, recipient(health));
      await rotate(custodian);
      expect(await verifyShare(share, context, custodian.agencyId)).toMatchObject({ reason: 'sharer_epoch_not_current', field: 'share.sharerEpoch' });
    });
  });

  it('holds the key rows it relied on until the caller commits: a concurrent rotation waits, and the next upload sees it', async () => {
    const recipientAgency = await member('health', 1);
    const envelope = await seal(author, [recipient(recipientAgency)]);
    const dataSource = t.app.get(DataSource);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let verifiedInTransaction!: () => void;
    const verified = new Promise<void>((resolve) => (verifiedInTransaction = resolve));
    const upload = inTransaction(dataSource, async (manager) => {
      await verifier.verifyUpload(envelope, {}, manager);
      verifiedInTransaction();
      await released;
    });
    await verified;

    let rotationDone = false;
    const rotation = rotate(recipientAgency).then(() => (rotationDone = true));
    await waitForLockWaiter();
    expect(rotationDone).toBe(false);
    release();
    await upload;
    await rotation;
    expect(rotationDone).toBe(true);
    expect(await verify(envelope)).toMatchObject({ reason: 'epoch_not_current' });
  });

  it('decides the same with its directory read prefetched in the caller\'s pipeline, and holds those key rows too', async () => {
    const dataSource = t.app.get(DataSource);
    const stale = await seal(author, [recipient(rotated, rotated.epochs[0])]);
    const envelopes = [
      await seal(author, [recipient(prosecution), recipient(rotated)]),
      stale,
      await seal(author, [recipient(suspended)]),
      await seal(author, [await strangerRecipient(coordinatingBody)]),
      await seal(author, [await strangerRecipient(randomUUID())]),
      await signedByAuthor({ ...stale, signerEpoch: 7 }),
      'not an envelope',
    ];
    for (const envelope of envelopes) {
      const prefetched = await outcome(
        inTransaction(dataSource, async (manager) => {
          const [directory] = await pipelined(manager, [verifier.directoryReadFor(envelope)] as const);
          return verifier.verifyUpload(envelope, {}, manager, directory);
        }),
      );
      expect(prefetched).toEqual(await verify(envelope));
    }

    const recipientAgency = await member('health', 1);
    const envelope = await seal(author, [recipient(recipientAgency)]);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const upload = inTransaction(dataSource, async (manager) => {
      await pipelined(manager, [verifier.directoryReadFor(envelope)] as const);
      await released;
    });
    let rotationDone = false;
    const rotation = rotate(recipientAgency).then(() => (rotationDone = true));
    await waitForLockWaiter();
    expect(rotationDone).toBe(false);
    release();
    await Promise.all([upload, rotation]);
  });

  /** Polls until some session of this database waits for a lock (here: the rotation's UPDATE). */
  async function waitForLockWaiter(): Promise<void> {
    for (let attempt = 0; attempt < 500; attempt++) {
      const waiting = await withAdminClient(
        async (client) => Number((await client.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rows[0].n),
        t.database.url,
      );
      if (waiting > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('the rotation never waited for the upload transaction');
  }
});
