import * as opaque from '@serenity-kit/opaque';
import { generateAgencyKeyEpoch } from './agency-keys';
import { PersonKeyError } from './errors';
import {
  generatePersonKeys,
  openMembershipWrap,
  openPersonEnvelope,
  personKeyFingerprint,
  personUnlockKey,
  publicKeysOf,
  sealMembershipWrap,
  sealPersonEnvelope,
} from './person-keys';

const personId = '7f1d1c9e-3b1a-4c55-9a57-0c8f4a1b2c3d';
const agencyId = '0b8e4a52-6d2f-4f8e-b1c7-5a2d9e3f4c1b';

async function registered(password: string) {
  await opaque.ready;
  const serverSetup = opaque.server.createSetup();
  const start = opaque.client.startRegistration({ password });
  const { registrationResponse } = opaque.server.createRegistrationResponse({ serverSetup, userIdentifier: personId, registrationRequest: start.registrationRequest });
  const finished = opaque.client.finishRegistration({ password, registrationResponse, clientRegistrationState: start.clientRegistrationState });
  return { serverSetup, record: finished.registrationRecord, exportKey: finished.exportKey };
}

describe('person keys', () => {
  it('seal under a key from the OPAQUE export key, and open again after a later login with the same secret', async () => {
    const { serverSetup, record, exportKey } = await registered('a secret of my own');
    const keys = await generatePersonKeys(personId);
    const envelope = await sealPersonEnvelope(keys, await personUnlockKey(exportKey, personId));
    const login = opaque.client.startLogin({ password: 'a secret of my own' });
    const server = opaque.server.startLogin({ serverSetup, userIdentifier: personId, registrationRecord: record, startLoginRequest: login.startLoginRequest });
    const again = opaque.client.finishLogin({ clientLoginState: login.clientLoginState, loginResponse: server.loginResponse, password: 'a secret of my own' });
    const opened = await openPersonEnvelope(envelope, await personUnlockKey(again?.exportKey as string, personId), personId);
    expect(Buffer.from(opened.box.privateKey)).toEqual(Buffer.from(keys.box.privateKey));
    expect(Buffer.from(opened.sign.publicKey)).toEqual(Buffer.from(keys.sign.publicKey));
  });

  it('refuse to open under another export key, or as another person', async () => {
    const { exportKey } = await registered('mine');
    const other = await registered('mine');
    const keys = await generatePersonKeys(personId);
    const envelope = await sealPersonEnvelope(keys, await personUnlockKey(exportKey, personId));
    await expect(openPersonEnvelope(envelope, await personUnlockKey(other.exportKey, personId), personId)).rejects.toMatchObject({ code: 'envelope_open_failed' });
    await expect(openPersonEnvelope(envelope, await personUnlockKey(exportKey, agencyId), agencyId)).rejects.toMatchObject({ code: 'envelope_open_failed' });
  });

  it('have a fingerprint of 8 groups of 4 hex digits that changes with the keys', async () => {
    const a = await personKeyFingerprint(publicKeysOf(await generatePersonKeys(personId)));
    const b = await personKeyFingerprint(publicKeysOf(await generatePersonKeys(personId)));
    expect(a).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){7}$/);
    expect(a).not.toBe(b);
  });
});

describe('membership wraps', () => {
  it('open to the agency epoch when signed by its registered key for this person', async () => {
    const epoch = await generateAgencyKeyEpoch(agencyId, 1);
    const person = await generatePersonKeys(personId);
    const wrap = await sealMembershipWrap(epoch, publicKeysOf(person));
    const opened = await openMembershipWrap(wrap, person, { signPublicKey: epoch.sign.publicKey, boxPublicKey: epoch.box.publicKey });
    expect(Buffer.from(opened.box.privateKey)).toEqual(Buffer.from(epoch.box.privateKey));
    expect(opened).toMatchObject({ agencyId, epoch: 1, createdAt: epoch.createdAt });
  });

  it("refuse a wrap someone sealed with keys of their own (the server's forgery): bad signature", async () => {
    const epoch = await generateAgencyKeyEpoch(agencyId, 1);
    const forged = await generateAgencyKeyEpoch(agencyId, 1);
    const person = await generatePersonKeys(personId);
    const wrap = await sealMembershipWrap(forged, publicKeysOf(person));
    await expect(openMembershipWrap(wrap, person, { signPublicKey: epoch.sign.publicKey, boxPublicKey: epoch.box.publicKey })).rejects.toMatchObject({ code: 'bad_wrap_signature' });
  });

  it("refuse a wrap made for someone else's keys, or holding keys that are not the epoch's registered ones", async () => {
    const epoch = await generateAgencyKeyEpoch(agencyId, 1);
    const person = await generatePersonKeys(personId);
    const other = await generatePersonKeys(personId);
    const forOther = await sealMembershipWrap(epoch, publicKeysOf(other));
    await expect(openMembershipWrap(forOther, person, { signPublicKey: epoch.sign.publicKey, boxPublicKey: epoch.box.publicKey })).rejects.toBeInstanceOf(PersonKeyError);
    const stranger = await generateAgencyKeyEpoch(agencyId, 1);
    const mixed = { ...stranger, sign: epoch.sign };
    const wrap = await sealMembershipWrap(mixed, publicKeysOf(person));
    await expect(openMembershipWrap(wrap, person, { signPublicKey: epoch.sign.publicKey, boxPublicKey: epoch.box.publicKey })).rejects.toMatchObject({ code: 'wrap_key_mismatch' });
  });
});
