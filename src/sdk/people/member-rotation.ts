import { ed25519Verify, fromBase64Strict, generateAgencyKeyEpoch, getSodium, membershipStatement, type PersonPublicKeys, sealMembershipWrap, signKeyRegistration, toBase64 } from '../../crypto';
import type { DirectoryEntry } from '../directory/key-directory';
import { CcrUsageError, KeystoreOutOfDate } from '../errors';
import { apiPath } from '../http/api-path';
import type { HttpCore } from '../http/http-core';
import type { Keyring } from '../keys/keyring';
import { AgencyKeystore } from '../keystore/agency-keystore';
import { publicKeysFrom } from './person-public-keys';
import { MemberKeyring } from './member-keyring';

/** GET /agencies/{agencyId}/members. */
export interface MembersAnswer {
  members: {
    personId: string;
    username: string;
    displayName: string;
    signPublicKey: string;
    boxPublicKey: string;
    fingerprint: string;
    latestWrap: { agencyId: string; epoch: number; wrap: string; signature: string } | null;
  }[];
  rotationDue: boolean;
}

export interface RotateOptions {
  /** People not to re-wrap to (e.g. someone leaving whose removal is not through yet). */
  exclude?: readonly string[];
}

export interface MembersRotated {
  epoch: number;
  fingerprint: string;
  /** Who holds the new epoch. */
  people: string[];
  /** Listed people left out: no wrap the agency's key signed (not added yet, or a wrap the server made up), or excluded. */
  skipped: { personId: string; reason: 'not_a_member' | 'bad_wrap_signature' | 'excluded' }[];
  logIndex: number;
}

/**
 * A people agency's key rotation (decision 0115), as a member's client does it: the next epoch,
 * signed by the current one; re-wrapped (with every older epoch this client holds) to each person
 * whose latest wrap verifies under the agency's registered key of its epoch — so the server cannot
 * slip a member in through the listing — and stored with the registration in one call.
 */
export async function rotateMembers(http: HttpCore, keyring: Keyring, directory: DirectoryEntry, options: RotateOptions = {}): Promise<MembersRotated> {
  const agencyId = keyring.agencyId;
  const current = keyring.current;
  if (directory.currentEpoch !== current.epoch) throw new KeystoreOutOfDate(agencyId, current.epoch, directory.currentEpoch);
  const listed = (await http.request<MembersAnswer>({ method: 'GET', path: apiPath`/agencies/${agencyId}/members` })).body;
  const { members, skipped } = await verifiedMembers(listed, directory, new Set(options.exclude ?? []));
  const self = keyring instanceof MemberKeyring ? keyring.personId : undefined;
  if (self && !members.some((member) => member.personId === self)) throw new CcrUsageError('your own membership wrap does not verify: sign in again before rotating');
  const next = await generateAgencyKeyEpoch(agencyId, current.epoch + 1);
  const registration = await signKeyRegistration(next, current.sign.privateKey);
  const epochs = [...keyring.epochs, next];
  const wraps = [];
  for (const member of members) {
    for (const epoch of epochs) {
      const sealed = await sealMembershipWrap(epoch, member);
      wraps.push({ personId: member.personId, epoch: epoch.epoch, wrap: toBase64(sealed.wrap), signature: toBase64(sealed.signature) });
    }
  }
  // A file keystore keeps the new epoch before it is registered (as KeyManager.rotate does).
  if (keyring instanceof AgencyKeystore) {
    keyring.addEpoch(next);
    await keyring.save();
  }
  const answer = await http.request<Omit<MembersRotated, 'skipped'>>({
    method: 'POST',
    path: apiPath`/agencies/${agencyId}/members/rotation`,
    json: { registration, wraps },
    // The registration is deterministic and wraps are stored once per person and epoch: a repeat changes nothing.
    safeToRepeat: true,
  });
  if (keyring instanceof MemberKeyring) keyring.addEpoch(next);
  return { ...answer.body, skipped };
}

async function verifiedMembers(listed: MembersAnswer, directory: DirectoryEntry, exclude: Set<string>) {
  const sodium = await getSodium();
  const members: PersonPublicKeys[] = [];
  const skipped: MembersRotated['skipped'] = [];
  for (const member of listed.members) {
    if (exclude.has(member.personId)) {
      skipped.push({ personId: member.personId, reason: 'excluded' });
      continue;
    }
    const person = publicKeysFrom(member.personId, member);
    const wrap = member.latestWrap;
    if (!wrap || wrap.agencyId !== directory.agencyId) {
      skipped.push({ personId: member.personId, reason: 'not_a_member' });
      continue;
    }
    const registered = directory.epochs.find((epoch) => epoch.epoch === wrap.epoch);
    const wrapBytes = fromBase64Strict(wrap.wrap);
    const signature = fromBase64Strict(wrap.signature);
    const signKey = registered ? fromBase64Strict(registered.signPublicKey) : undefined;
    const verified =
      wrapBytes && signature && signKey && ed25519Verify(sodium, signature, await membershipStatement({ agencyId: directory.agencyId, epoch: wrap.epoch, person, wrap: wrapBytes }), signKey);
    if (verified) members.push(person);
    else skipped.push({ personId: member.personId, reason: 'bad_wrap_signature' });
  }
  return { members, skipped };
}
