/**
 * Generates test/vectors/envelope-v1.json. Run deliberately (CCR_WRITE_VECTORS=1 with the
 * vectors spec): the committed file, not this code, is the reference, and the replay spec fails
 * whenever the implementation would produce different bytes.
 */
import { writeFile } from 'node:fs/promises';
import { keyRegistrationStatement, signKeyRegistration, verifyKeyRegistration, type AgencyKeyEpoch } from '../agency-keys';
import { fromBase64Strict } from '../base64';
import { utf8 } from '../bytes';
import { rewrapForAgency } from '../envelope-share';
import { sealRecord } from '../envelope-seal';
import { PAD_BLOCK_BYTES, SUITE_CCR1 } from '../envelope-format';
import { hash32, recordHeader, recordManifest, shareStatement } from '../envelope-pae';
import { parseRecord } from '../envelope-parse';
import { DEFAULT_ENVELOPE_LIMITS } from '../envelope-types';
import { getSodium } from '../sodium';
import { invalidEnvelopeVectors } from './invalid-vectors';
import { byLabel, keysOf, vectorAgencies, vectorDirectory, vectorIdentity, VECTOR_CREATED_AT } from './vector-agencies';
import type { EnvelopeVectorFile, KeyRegistrationVector, ShareVector, ValidEnvelopeVector, VectorAgency } from './vector-types';

interface ValidSpec {
  name: string;
  author: string;
  others: { label: string; consentId: string }[];
  recordId: string;
  caseId: string;
  category: string;
  supersedes: string | null;
  body: string;
  seedLabel: string;
}

const VALID_SPECS: ValidSpec[] = [
  {
    name: 'three recipients: police note shared with advocacy and prosecution',
    author: 'police',
    others: [
      { label: 'prosecution', consentId: '2b4d6f80-1a3c-4e5f-8a7b-9c0d1e2f3a4b' },
      { label: 'advocacy', consentId: '6e8f0a1b-2c3d-4e5f-9a6b-7c8d9e0f1a2b' },
    ],
    recordId: '8f14e45f-ceea-467f-a0e6-9d5c2b1a0f3e',
    caseId: '45c48cce-2e2d-4fbd-b5c6-7a8b9c0d1e2f',
    category: 'risk',
    supersedes: null,
    body: 'Lethality assessment: high. Strangulation reported 2026-11-19. Survivor prefers contact via advocate only.',
    seedLabel: 'three-recipients',
  },
  {
    name: "author only: the survivor's own words kept by the advocacy program, superseding an earlier version",
    author: 'advocacy',
    others: [],
    recordId: 'd3d94468-02a4-4c1f-9b5e-6a7b8c9d0e1f',
    caseId: '6512bd43-d9ca-4e6f-8a1b-2c3d4e5f6a7b',
    category: 'consent_terms',
    supersedes: 'c20ad4d7-6fe9-4759-aa27-a0c99bff6710',
    body: '',
    seedLabel: 'author-only',
  },
];

export async function generateEnvelopeVectors(): Promise<EnvelopeVectorFile> {
  const agencies = await vectorAgencies();
  const valid = await Promise.all(VALID_SPECS.map((spec) => validVector(agencies, spec)));
  return {
    description:
      'CCR Exchange envelope v1 (suite ccr1) test vectors. Hex for intermediate bytes, standard base64 inside envelopes. ' +
      'Sealed boxes are randomized: wraps are recorded bytes with the plaintext they must open to. See docs/envelope.md.',
    suite: SUITE_CCR1,
    padBlockBytes: PAD_BLOCK_BYTES,
    limits: DEFAULT_ENVELOPE_LIMITS,
    agencies,
    valid,
    shares: [await shareVector(agencies, valid[0])],
    keyRegistrations: await keyRegistrationVectors(agencies),
    invalid: await invalidEnvelopeVectors(agencies, valid[0]),
  };
}

export async function writeEnvelopeVectors(path: string): Promise<void> {
  await writeFile(path, `${JSON.stringify(await generateEnvelopeVectors(), null, 2)}\n`);
}

async function validVector(agencies: VectorAgency[], spec: ValidSpec): Promise<ValidEnvelopeVector> {
  const sodium = await getSodium();
  const fixed = (kind: string, length: number) =>
    sodium.crypto_generichash(length, utf8(`ccr-exchange test vector/${spec.seedLabel}/${kind}`), null);
  const author = byLabel(agencies, spec.author);
  const authorKeys = await keysOf(author);
  const recipients = [
    { agencyId: author.agencyId, epoch: 1, consentId: null as string | null, boxPublicKey: authorKeys.box.publicKey },
    ...(await Promise.all(
      spec.others.map(async ({ label, consentId }) => {
        const agency = byLabel(agencies, label);
        return { agencyId: agency.agencyId, epoch: 1, consentId, boxPublicKey: (await keysOf(agency)).box.publicKey };
      }),
    )),
  ];
  const metadata = {
    recordId: spec.recordId,
    caseId: spec.caseId,
    category: spec.category,
    authorAgencyId: author.agencyId,
    createdAt: VECTOR_CREATED_AT,
    supersedes: spec.supersedes,
  };
  const dek = fixed('dek', 32);
  const nonce = fixed('nonce', 24);
  const body = utf8(spec.body);
  const envelope = await sealRecord(
    { ...metadata, body, author: { epoch: 1, signSecretKey: authorKeys.sign.privateKey }, recipients },
    { dek, nonce },
  );
  const parsed = parseRecord(sodium, envelope, DEFAULT_ENVELOPE_LIMITS, 'upload');
  return {
    name: spec.name,
    input: {
      ...metadata,
      signerEpoch: 1,
      recipients: envelope.wraps.map(({ agencyId, epoch, consentId }) => ({ agencyId, epoch, consentId })),
      body: sodium.to_hex(body),
      dek: sodium.to_hex(dek),
      nonce: sodium.to_hex(nonce),
    },
    expected: {
      header: sodium.to_hex(recordHeader(metadata)),
      paddedBody: sodium.to_hex(sodium.pad(body, PAD_BLOCK_BYTES)),
      ciphertext: sodium.to_hex(parsed.ciphertext),
      ciphertextHash: sodium.to_hex(parsed.ciphertextHash),
      keyCommitment: sodium.to_hex(parsed.keyCommitment),
      wrapPlaintexts: await Promise.all(
        parsed.wraps.map(async (w) => ({
          agencyId: w.agencyId,
          plaintext: await openedWrap(agencies, w.agencyId, w.wrap as Uint8Array),
          wrapHash: sodium.to_hex(w.wrapHash),
        })),
      ),
      manifest: sodium.to_hex(recordManifest(parsed)),
      signature: sodium.to_hex(parsed.signature),
    },
    envelope,
  };
}

/** Sealed boxes are randomized: record what each recorded wrap opens to. */
async function openedWrap(agencies: VectorAgency[], agencyId: string, wrap: Uint8Array): Promise<string> {
  const sodium = await getSodium();
  const agency = agencies.find((a) => a.agencyId === agencyId && a.epoch === 1) as VectorAgency;
  const { box } = await keysOf(agency);
  return sodium.to_hex(sodium.crypto_box_seal_open(wrap, box.publicKey, box.privateKey));
}

async function shareVector(agencies: VectorAgency[], record: ValidEnvelopeVector): Promise<ShareVector> {
  const sodium = await getSodium();
  const custodian = byLabel(agencies, 'police');
  const newcomer = byLabel(agencies, 'probation');
  const recipient = {
    agencyId: newcomer.agencyId,
    epoch: 1,
    consentId: '9d5ed678-fe57-4cca-a1f0-2b3c4d5e6f70',
    boxPublicKey: (await keysOf(newcomer)).box.publicKey,
  };
  const sharer = { identity: await vectorIdentity(custodian), epoch: 1, signSecretKey: (await keysOf(custodian)).sign.privateKey };
  const share = await rewrapForAgency(record.envelope, sharer, vectorDirectory(agencies), recipient);
  const wrap = fromBase64Strict(share.wrap) as Uint8Array;
  const keyCommitment = sodium.from_hex(record.expected.keyCommitment);
  const statement = shareStatement({ ...recipient, recordId: share.recordId, keyCommitment, wrapHash: hash32(sodium, wrap) });
  return {
    name: 'police (custodian) adds probation under a new consent',
    record: record.name,
    share,
    expected: { wrapPlaintext: await openedWrap(agencies, newcomer.agencyId, wrap), statement: sodium.to_hex(statement) },
  };
}

async function keyRegistrationVectors(agencies: VectorAgency[]): Promise<KeyRegistrationVector[]> {
  const sodium = await getSodium();
  const first = await keysOf(byLabel(agencies, 'police'));
  const second = await keysOf(byLabel(agencies, 'police@2'));
  const vector = async (name: string, agency: string, keys: AgencyKeyEpoch, previous?: AgencyKeyEpoch) => {
    const registration = await signKeyRegistration(keys, previous?.sign.privateKey);
    const statement = keyRegistrationStatement(await verifyKeyRegistration(registration, previous?.sign.publicKey));
    return {
      name,
      agency,
      epoch: keys.epoch,
      previousEpochOf: previous ? 'police' : null,
      expected: { statement: sodium.to_hex(statement), registration },
    };
  };
  return [
    await vector('first registration of police (self-signed)', 'police', first),
    await vector('rotation of police to epoch 2 (self-signed and signed by epoch 1)', 'police@2', second, first),
  ];
}
