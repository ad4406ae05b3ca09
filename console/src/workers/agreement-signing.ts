import { agreementTermsV1, checkListingAgainstPin } from '../../../src/sdk/browser';
import { fromBase64Strict, signAgreementTerms, toBase64, verifyAgreementTerms } from '../../../src/crypto';
import { heldKeyring } from './agency-keys-held';
import { type KeyWorkerReply, type KeyWorkerRequest } from './key-protocol';

/**
 * Signs a proposed agreement version as the SDK's AgreementsApi.sign does: first every signature
 * it already carries (the proposer's at least) is checked against that party's verified, pinned
 * key listing, so a version the server altered is refused; then this agency signs the canonical
 * terms with its current key. Only the signature leaves the worker.
 */
export async function signAgreement(request: Extract<KeyWorkerRequest, { type: 'sign-agreement' }>): Promise<KeyWorkerReply> {
  const keyring = heldKeyring();
  if (!keyring) return { type: 'error', message: 'open your agency keys first' };
  const target = request.agreement.versions.find((each) => each.version === request.version);
  if (!target || target.status !== 'proposed') return { type: 'error', message: 'that version is not awaiting signatures' };
  const terms = agreementTermsV1(target.terms);
  if (!terms.parties.includes(keyring.agencyId)) return { type: 'error', message: 'your agency is not a party to this agreement' };
  for (const signature of target.signatures) {
    const key = await signingKey(signature.agencyId, signature.signerEpoch, request.listings[signature.agencyId]);
    const bytes = fromBase64Strict(signature.signature);
    const valid = key !== null && bytes?.length === 64 && terms.parties.includes(signature.agencyId) && (await verifyAgreementTerms(request.agreement.id, target.version, terms, bytes, key));
    if (!valid) return { type: 'error', message: 'a signature on this agreement does not verify: not signed' };
  }
  const current = keyring.current;
  const signature = await signAgreementTerms(request.agreement.id, target.version, terms, current.sign.privateKey);
  return { type: 'agreement-signed', signerEpoch: current.epoch, signature: toBase64(signature) };
}

/** A party's signing public key at an epoch: this agency's from its own keys, another's from its verified listing (pinned). */
async function signingKey(agencyId: string, epoch: number, listing: unknown): Promise<Uint8Array | null> {
  const keyring = heldKeyring();
  if (!keyring) return null;
  if (agencyId === keyring.agencyId) return keyring.epoch(epoch)?.sign.publicKey ?? null;
  if (listing === undefined) return null;
  const checked = await checkListingAgainstPin(listing, agencyId, keyring.pin(agencyId), { now: new Date().toISOString() });
  keyring.setPin(checked.pin);
  const found = checked.epochs.find((each) => each.epoch === epoch);
  return (found && fromBase64Strict(found.signPublicKey)) ?? null;
}
