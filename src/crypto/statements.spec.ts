import { generateAgencyKeyEpoch } from './agency-keys';
import { utf8 } from './bytes';
import { DOMAIN } from './domains';
import { openRecord } from './envelope';
import { EnvelopeError } from './errors';
import {
  sealForOwnAgency,
  signConsentTerms,
  signStatement,
  verifyConsentTerms,
  verifyStatement,
} from './statements';
import { current, directoryOf, fixtureAgencies, fixtureUuid, FIXTURE_CREATED_AT, identityOf } from './testing/fixtures';
import { getSodium } from './sodium';

const AGENCY = '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

describe('signed statements', () => {
  it('verify for the exact domain and pieces only', async () => {
    const keys = await generateAgencyKeyEpoch(AGENCY, 1);
    const signature = await signStatement('ccr-exchange/v1/revocation', ['c-1', '2026-01-01'], keys.sign.privateKey);
    const pk = keys.sign.publicKey;
    expect(await verifyStatement('ccr-exchange/v1/revocation', ['c-1', '2026-01-01'], signature, pk)).toBe(true);
    expect(await verifyStatement('ccr-exchange/v1/purge', ['c-1', '2026-01-01'], signature, pk)).toBe(false);
    expect(await verifyStatement('ccr-exchange/v1/revocation', ['c-12026-01-01'], signature, pk)).toBe(false);
    expect(await verifyStatement('ccr-exchange/v1/revocation', ['c-1', '2026-01-02'], signature, pk)).toBe(false);
    expect(await verifyStatement('ccr-exchange/v1/revocation', ['c-1', '2026-01-01'], signature.subarray(1), pk)).toBe(false);
  });

  it('refuse domains outside the namespace or reserved for envelope formats', async () => {
    const keys = await generateAgencyKeyEpoch(AGENCY, 1);
    await expect(signStatement('consent', [], keys.sign.privateKey)).rejects.toThrow(RangeError);
    await expect(signStatement(DOMAIN.manifest, [], keys.sign.privateKey)).rejects.toThrow(/reserved/);
    await expect(signStatement(DOMAIN.share, [], keys.sign.privateKey)).rejects.toThrow(/reserved/);
    await expect(signStatement(DOMAIN.keyRegistration, [], keys.sign.privateKey)).rejects.toThrow(/reserved/);
  });

  it('consent terms are signed over their canonical JSON, whatever the key order', async () => {
    const keys = await generateAgencyKeyEpoch(AGENCY, 1);
    const consentId = '11111111-2222-4333-8444-555555555555';
    const terms = { recipient: AGENCY, categories: ['risk', 'legal'], until: '2027-01-01' };
    const signature = await signConsentTerms(consentId, 1, terms, keys.sign.privateKey);
    const reordered = { until: '2027-01-01', categories: ['risk', 'legal'], recipient: AGENCY };
    expect(await verifyConsentTerms(consentId, 1, reordered, signature, keys.sign.publicKey)).toBe(true);
    expect(await verifyConsentTerms(consentId, 2, terms, signature, keys.sign.publicKey)).toBe(false);
    expect(await verifyConsentTerms(consentId, 1, { ...terms, categories: ['risk'] }, signature, keys.sign.publicKey)).toBe(false);
  });
});

describe('sealing a secret to the own agency', () => {
  it('is an ordinary single-recipient envelope only that agency opens', async () => {
    const sodium = await getSodium();
    const [custodian, other] = await fixtureAgencies(2, 'own-secret');
    const words = utf8('I do not want my mother to be told where I am staying.');
    const envelope = await sealForOwnAgency({
      recordId: fixtureUuid(sodium, 'own/record'),
      caseId: fixtureUuid(sodium, 'own/case'),
      category: 'consent_terms',
      authorAgencyId: custodian.agencyId,
      createdAt: FIXTURE_CREATED_AT,
      supersedes: null,
      body: words,
      author: { epoch: 1, signSecretKey: current(custodian).sign.privateKey },
      ownBox: { epoch: 1, publicKey: current(custodian).box.publicKey },
    });
    expect(envelope.wraps.map((w) => [w.agencyId, w.consentId])).toEqual([[custodian.agencyId, null]]);
    const opened = await openRecord(envelope, identityOf(custodian), directoryOf(custodian));
    expect(sodium.to_string(opened.body)).toBe(sodium.to_string(words));
    const refusal = await openRecord(envelope, identityOf(other), directoryOf(custodian)).catch((e: unknown) => e);
    expect((refusal as EnvelopeError).code).toBe('not_a_recipient');
  });
});
