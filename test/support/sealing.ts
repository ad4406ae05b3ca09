import { randomUUID } from 'node:crypto';
import {
  type AgencyKeyEpoch,
  type DeliveredRecordV1,
  fromUtf8,
  generateAgencyKeyEpoch,
  openRecord,
  sealRecord,
  type SealedRecordV1,
  signConsentTerms,
  signKeyRegistration,
  toBase64,
  utf8,
} from '../../src/crypto';
import { type ConsentTermsV1 } from '../../src/consent/consent-terms';
import { type TestApp } from './app';
import { type Actor } from './ccr';

/** An agency whose key epoch 1 is registered through the API; the test holds its secret keys. */
export interface AgencyKeys {
  agencyId: string;
  epoch: number;
  keys: AgencyKeyEpoch;
}

/** Generates the agency's epoch-1 keys and registers them with POST /agencies/{id}/keys as `actor`. */
export async function registerAgencyKeys(t: TestApp, actor: Actor): Promise<AgencyKeys> {
  const keys = await generateAgencyKeyEpoch(actor.agencyId, 1);
  const registration = await signKeyRegistration(keys);
  await t.http().post(`/agencies/${actor.agencyId}/keys`).set('Authorization', actor.bearer).send(registration).expect(201);
  return { agencyId: actor.agencyId, epoch: 1, keys };
}

export interface SealInput {
  caseId: string;
  category: string;
  body: string;
  recordId?: string;
  supersedes?: string | null;
  /** Agencies besides the author, each with the consent (or mandate) id its wrap rests on. */
  recipients?: { agency: AgencyKeys; consentId: string }[];
}

/** Seals a record with src/crypto as the author agency's client would (the author is always a recipient). */
export function sealAs(author: AgencyKeys, input: SealInput): Promise<SealedRecordV1> {
  const recipients = [
    { agencyId: author.agencyId, epoch: author.epoch, consentId: null, boxPublicKey: author.keys.box.publicKey },
    ...(input.recipients ?? []).map(({ agency, consentId }) => ({ agencyId: agency.agencyId, epoch: agency.epoch, consentId, boxPublicKey: agency.keys.box.publicKey })),
  ];
  return sealRecord({
    recordId: input.recordId ?? randomUUID(),
    caseId: input.caseId,
    category: input.category,
    authorAgencyId: author.agencyId,
    createdAt: new Date().toISOString(),
    supersedes: input.supersedes ?? null,
    body: utf8(input.body),
    author: { epoch: author.epoch, signSecretKey: author.keys.sign.privateKey },
    recipients,
  });
}

/** Opens a delivered record as `reader`, checking the author's signature against `authors`. */
export async function openAs(reader: AgencyKeys, delivered: DeliveredRecordV1, authors: readonly AgencyKeys[]): Promise<string> {
  const opened = await openRecord(
    delivered,
    { agencyId: reader.agencyId, boxKeyPair: (epoch) => (epoch === reader.epoch ? reader.keys.box : null) },
    (agencyId, epoch) => authors.find((author) => author.agencyId === agencyId && author.epoch === epoch)?.keys.sign.publicKey ?? null,
  );
  return fromUtf8(opened.body);
}

/** The custodian's signature over a consent version's terms, base64 as the API takes it. */
export async function signTermsAs(custodian: AgencyKeys, consentId: string, version: number, terms: ConsentTermsV1): Promise<string> {
  return toBase64(await signConsentTerms(consentId, version, terms, custodian.keys.sign.privateKey));
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The terms a consent body carries (everything ConsentTermsV1 has except what the server fills in). */
export interface ConsentTermsFields {
  categories: string[];
  actions: string[];
  purpose: string;
  validFrom: string;
  validUntil: string;
  captureMode: string;
  language: string;
  interpreter: Record<string, unknown>;
  informedConsent: string[];
  denyAgencyIds: string[];
  releaseDocumentSha256?: string;
}

/** A written release for receive_notes (risk, safety_plan), valid from a minute ago for 90 days, every checklist item done. */
export function defaultTerms(overrides: Partial<ConsentTermsFields> = {}): ConsentTermsFields {
  const now = Date.now();
  return {
    categories: ['risk', 'safety_plan'],
    actions: ['receive_notes'],
    purpose: 'prosecution_support',
    validFrom: new Date(now - 60_000).toISOString(),
    validUntil: new Date(now + 90 * DAY_MS).toISOString(),
    captureMode: 'written_signature',
    language: 'en',
    interpreter: { used: false },
    informedConsent: [
      'recipient_use_and_risks_explained',
      'alternatives_discussed',
      'not_a_condition_of_service',
      'revocation_explained',
      'redisclosure_limits_explained',
      'limits_of_confidentiality_explained',
    ],
    denyAgencyIds: [],
    ...overrides,
  };
}

export interface SignedConsentOptions {
  consentId?: string;
  version?: number;
  /** Sign with another agency's key (to test a wrong signature); default the custodian's. */
  signWith?: AgencyKeys;
  termsRecordId?: string | null;
}

/**
 * The signed object for these fields, exactly as the server rebuilds it (ConsentTermsV1), and
 * the custodian's signature over it: what an advocate's client sends.
 */
export async function signedTerms(
  custodian: AgencyKeys,
  caseId: string,
  recipientAgencyId: string,
  fields: ConsentTermsFields,
  options: SignedConsentOptions = {},
): Promise<{ consentId: string; signerEpoch: number; signature: string }> {
  const consentId = options.consentId ?? randomUUID();
  const terms = {
    v: 1,
    caseId,
    custodianAgencyId: custodian.agencyId,
    recipientAgencyId,
    ...fields,
    releaseDocumentSha256: fields.releaseDocumentSha256 ?? null,
    termsRecordId: options.termsRecordId ?? null,
  } as unknown as ConsentTermsV1;
  const signer = options.signWith ?? custodian;
  // A field left out on purpose (a test of the server's checks) is left out of the signed object too.
  const defined = JSON.parse(JSON.stringify(terms)) as ConsentTermsV1;
  return { consentId, signerEpoch: signer.epoch, signature: await signTermsAs(signer, consentId, options.version ?? 1, defined) };
}

/** A complete POST /cases/{caseId}/consents body. */
export async function consentBody(
  custodian: AgencyKeys,
  caseId: string,
  recipientAgencyId: string,
  overrides: Partial<ConsentTermsFields> = {},
  options: SignedConsentOptions = {},
): Promise<Record<string, unknown>> {
  const fields = defaultTerms(overrides);
  const signed = await signedTerms(custodian, caseId, recipientAgencyId, fields, options);
  return { ...fields, recipientAgencyId, ...signed };
}
