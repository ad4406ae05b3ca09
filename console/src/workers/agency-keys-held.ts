import { checkListingAgainstPin, KeyDirectory, MemberKeyring, RecordCrypto } from '../../../src/sdk/browser';
import { type KeyWorkerReply, type KeyWorkerRequest } from './key-protocol';
import { heldPersonKeys } from './person-keys-held';

/**
 * The agency's keys as this person holds them through membership wraps (issue 19), open in the key
 * worker only: the SDK's MemberKeyring (each wrap checked against the agency's verified key chain)
 * and RecordCrypto (every check of docs/envelope.md §8). Other agencies' keys are pinned on first
 * use in this worker's memory, like any SDK client without a keystore file; a lock forgets them.
 */
let keyring: MemberKeyring | null = null;

/** The agency's keys open in this worker, or null: consents-held signs with them, members-held wraps them, case-desk-held works the SDK's case areas on them, agreement-signing signs with them; never posted out. */
export function heldKeyring(): MemberKeyring | null {
  return keyring;
}

export async function openAgency(request: Extract<KeyWorkerRequest, { type: 'open-agency' }>): Promise<KeyWorkerReply> {
  const person = heldPersonKeys();
  if (!person) return { type: 'error', message: 'unlock your keys first' };
  const opened = await MemberKeyring.unlock({ personId: person.personId, agencyId: request.agencyId, ownKeys: person, myKeys: request.myKeys, agencyListing: request.agencyListing });
  keyring = opened;
  return { type: 'agency-open', agencyId: opened.agencyId, epochs: opened.epochs.map((epoch) => epoch.epoch) };
}

export async function openRecordWith(request: Extract<KeyWorkerRequest, { type: 'open-record' }>): Promise<KeyWorkerReply> {
  if (!keyring) return { type: 'error', message: 'open your agency keys first' };
  const author = request.expect.authorAgencyId;
  if (author !== keyring.agencyId) {
    const checked = await checkListingAgainstPin(request.authorListing, author, keyring.pin(author), { now: new Date().toISOString() });
    keyring.setPin(checked.pin);
  }
  const opened = await new RecordCrypto(keyring, new KeyDirectory(keyring)).open(request.record);
  try {
    const { category, authorAgencyId, recordId } = opened.metadata;
    // The record must be the one asked for (as the SDK's checkOpened): another record is refused.
    if (category !== request.expect.category || authorAgencyId !== author) return { type: 'error', message: 'the service sent a record other than the one asked for' };
    const text = new TextDecoder('utf-8', { fatal: true }).decode(opened.body);
    return { type: 'record-opened', content: request.body === 'text' ? text : (JSON.parse(text) as unknown), recordId, signerEpoch: opened.signerEpoch };
  } finally {
    opened.body.fill(0);
  }
}
