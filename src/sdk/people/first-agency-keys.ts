import { generateAgencyKeyEpoch, type PersonKeys, publicKeysOf, sealMembershipWrap, signKeyRegistration, toBase64, wipeSecrets } from '../../crypto';
import { apiPath } from '../http/api-path';
import type { HttpCore } from '../http/http-core';

export interface FirstAgencyKeys {
  epoch: number;
  /** The new epoch's fingerprint: what partner agencies compare before pinning this agency's keys. */
  fingerprint: string;
  logIndex: number;
}

/**
 * An agency's first keys, made by its first member's own client (decision 0156): what `ccrx keys
 * init`, `ccrx keys register` and `ccrx agency move-to-members` do with a keystore file, without the
 * file. Epoch 1 is generated and self-signed here (as KeyManager registers it), sealed to this person
 * and signed by epoch 1's own key (as MembersApi.add wraps), and both are stored in one call through
 * the members' rotation route, so the epoch is never registered without someone who can open it.
 * The server refuses (409) once the agency has any epoch: from then on only a member adds people.
 * The epoch's secret keys are wiped here: the person opens them from their wrap like any member.
 */
export async function makeFirstAgencyKeys(http: HttpCore, agencyId: string, person: PersonKeys): Promise<FirstAgencyKeys> {
  const first = await generateAgencyKeyEpoch(agencyId, 1);
  try {
    const registration = await signKeyRegistration(first);
    const sealed = await sealMembershipWrap(first, publicKeysOf(person));
    const answer = await http.request<{ epoch: number; fingerprint: string; people: string[]; logIndex: number }>({
      method: 'POST',
      path: apiPath`/agencies/${agencyId}/members/rotation`,
      json: { registration, wraps: [{ personId: person.personId, epoch: first.epoch, wrap: toBase64(sealed.wrap), signature: toBase64(sealed.signature) }] },
      // The registration is deterministic and a repeat of it is recognised: a lost answer may be retried.
      safeToRepeat: true,
    });
    return { epoch: answer.body.epoch, fingerprint: answer.body.fingerprint, logIndex: answer.body.logIndex };
  } finally {
    await wipeSecrets(first.sign.privateKey, first.box.privateKey);
  }
}
