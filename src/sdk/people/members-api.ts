import { personKeyFingerprint, sealMembershipWrap, toBase64 } from '../../crypto';
import type { KeyDirectory } from '../directory/key-directory';
import { CcrUsageError } from '../errors';
import { apiPath } from '../http/api-path';
import type { HttpCore } from '../http/http-core';
import type { Keyring } from '../keys/keyring';
import { type MembersRotated, rotateMembers, type RotateOptions } from './member-rotation';
import { publicKeysFrom } from './person-public-keys';

/** GET /agencies/{agencyId}/people/{personId}/keys. */
export interface PersonPublicKeysAnswer {
  signPublicKey: string;
  boxPublicKey: string;
  fingerprint: string;
}

export interface MemberAdded {
  epochs: number[];
  logIndex: number;
  /** The fingerprint computed here from the keys wrapped to (equal to the one confirmed). */
  fingerprint: string;
}

export interface MemberRemoved {
  logIndex: number;
  rotationDue: boolean;
}

/**
 * The agency's membership, as a member's client manages it (decisions 0084, 0085): add a person
 * after comparing their fingerprint out of band, remove one. The wraps are made here, with the
 * agency's keys this client holds (a file keystore or a person's MemberKeyring): the server can
 * only store what a member signed.
 */
export class MembersApi {
  constructor(
    private readonly http: HttpCore,
    private readonly agencyId: string,
    private readonly keyring: () => Keyring,
    private readonly directory: () => KeyDirectory,
  ) {}

  /** A colleague's public keys and fingerprint, as the server lists them (compare the fingerprint with their device). */
  async publicKeys(personId: string): Promise<PersonPublicKeysAnswer> {
    return (await this.http.request<PersonPublicKeysAnswer>({ method: 'GET', path: apiPath`/agencies/${this.agencyId}/people/${personId}/keys` })).body;
  }

  /**
   * Wraps every epoch this client holds to the person — only if the fingerprint of the listed keys,
   * computed here, is the one the newcomer's device showed (read aloud, or on a screen beside you).
   * Refuses otherwise: the server might list keys of its own.
   */
  async add(personId: string, confirmed: { fingerprint: string }): Promise<MemberAdded> {
    const listed = await this.publicKeys(personId);
    const person = publicKeysFrom(personId, listed);
    const fingerprint = await personKeyFingerprint(person);
    if (normalised(fingerprint) !== normalised(confirmed.fingerprint)) {
      throw new CcrUsageError(`the keys the server lists for ${personId} have fingerprint ${fingerprint}, not the one confirmed: nothing was wrapped`);
    }
    const keyring = this.keyring();
    if (keyring.agencyId !== this.agencyId) throw new CcrUsageError('these keys belong to another agency');
    const wraps = await Promise.all(keyring.epochs.map((epoch) => sealMembershipWrap(epoch, person)));
    const answer = await this.http.request<{ epochs: number[]; logIndex: number }>({
      method: 'POST',
      path: apiPath`/agencies/${this.agencyId}/people/${personId}/wraps`,
      json: { wraps: wraps.map((wrap) => ({ epoch: wrap.epoch, wrap: toBase64(wrap.wrap), signature: toBase64(wrap.signature) })) },
      // Storing the same wraps twice leaves one set: a lost answer may be retried.
      safeToRepeat: true,
    });
    return { ...answer.body, fingerprint };
  }

  /**
   * Rotates the agency's keys and re-wraps them to every remaining member (after a removal, when
   * `rotationDue`, or on demand). Only people whose latest wrap the agency's key signed get the new
   * epoch; the others are reported in `skipped`. The new epoch joins this client's keyring.
   */
  async rotate(options: RotateOptions = {}): Promise<MembersRotated> {
    const keyring = this.keyring();
    const entry = await this.directory().refresh(this.agencyId);
    const rotated = await rotateMembers(this.http, keyring, entry, options);
    await this.directory().refresh(this.agencyId);
    return rotated;
  }

  /** Whether a member was removed since the current epoch (then rotate). */
  async rotationDue(): Promise<boolean> {
    return (await this.http.request<{ rotationDue: boolean }>({ method: 'GET', path: apiPath`/agencies/${this.agencyId}/members` })).body.rotationDue;
  }

  /**
   * Recovers a colleague who forgot their secret: a single-use re-enrolment code (hand the link over
   * in person or by phone). Once they enrolled again and set up new keys, add() them after comparing
   * their new fingerprint: nothing of their old keys is recoverable, by anyone.
   */
  async startRecovery(personId: string): Promise<{ code: string; link: string; expiresAt: string; logIndex: number }> {
    return (await this.http.request<{ code: string; link: string; expiresAt: string; logIndex: number }>({ method: 'POST', path: apiPath`/agencies/${this.agencyId}/people/${personId}/recovery` })).body;
  }

  /** Removes a member at once (their wraps, keys, sessions, login); the agency's keys are then due for rotation. */
  async remove(personId: string): Promise<MemberRemoved> {
    return (await this.http.request<MemberRemoved>({ method: 'DELETE', path: apiPath`/agencies/${this.agencyId}/people/${personId}/membership` })).body;
  }
}

/** Fingerprints are compared as hex digits, whatever the grouping or case someone typed. */
function normalised(fingerprint: string): string {
  return fingerprint.toLowerCase().replace(/[^0-9a-f]/g, '');
}
