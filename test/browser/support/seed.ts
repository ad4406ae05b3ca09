import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CcrxIdentity, ccrx } from '../../../src/demo/ccrx';
import { AdminConsole, type AgencyDesk, agencyPerson, agencySystem, bootstrapAdministrator, referralRelease } from '../../../src/demo/onboarding';
import { isNotFound } from '../../../src/sdk';
import { type CoordinationWorld, seedCoordination } from './coordination-seed';
import { enrolPerson, type EnrolledPerson, personWithEnrolmentCode } from './person';
import { type RunningService } from './service';

/** Words of the survivor in this story: they may appear nowhere the tests can look (issue 20). */
export const SURVIVOR_WORDS = ['Marisol Quintero', '218-555-0199', 'She reports he took her car keys and phone.'];

/** Words of the second story (the shelter's case the advocate's timeline shows): scanned for like the first. */
export const CASE_WORDS = ['Teodora Lindqvist', 'She wants help with a protection order hearing on Friday.', 'Court date moved; she asked for a ride.', 'Needs a lawyer who speaks Portuguese before Friday.'];

export interface World {
  url: string;
  agencies: { police: string; advocacy: string; probation: string; shelter: string };
  /** Signs in by the password grant (the tests' stand-in for a session; decision 0109). */
  auditor: { username: string; password: string };
  /** Enrolled (OPAQUE + TOTP): signs in through the console's sign-in screen. */
  person: EnrolledPerson;
  /** An advocate of advocacy, enrolled too, for the passkey journey (its own TOTP steps: each is accepted once); its test makes their keys and wrap. */
  passkeyPerson: EnrolledPerson;
  /** The coordinator journey: an administrator of the coordinating body, enrolled. */
  coordinator: EnrolledPerson;
  /** Another administrator, for the agency onboarding journey (its own TOTP steps: each is accepted once per person). */
  onboardAdmin: EnrolledPerson;
  /** The shelter (an agency the coordinator journey may rotate): its file keystore desk, and an enrolled advocate the journey makes a member. */
  shelterDesk: { keystorePath: string; passphrase: string; username: string; password: string };
  shelterMember: EnrolledPerson;
  /** An advocate of the advocacy agency, enrolled; their keys and membership wrap are made by the advocate-inbox test. */
  advocate: EnrolledPerson;
  /** Another advocate of advocacy, for the releases journey: its own TOTP steps (each is accepted once per person); its test makes their keys and wrap. */
  releaseAdvocate: EnrolledPerson;
  /** Another advocate of advocacy, for the releases' keyboard-only run (its own TOTP steps); its test makes their keys and wrap. */
  releaseKeyboardAdvocate: EnrolledPerson;
  /** The advocacy agency's file keystore (a member who holds the agency's keys) and its person's sign-in: it adds the advocate. */
  advocacyDesk: { keystorePath: string; passphrase: string; username: string; password: string };
  /** Probation's service keystore (client key and agency keys): it reads what a release lets it (advocate-releases). */
  probationDesk: { keystorePath: string; passphrase: string };
  /** A person not enrolled yet, and their enrolment link. */
  newcomer: { username: string; link: string };
  caseId: string;
  /** The shelter's story (advocate-cases): its own agencies, so the other journeys' counts stay as they were. */
  shelter: ShelterWorld;
  logFile: string;
  databaseUrl: string;
  /** The auditor's trust policy file (ccrx ledger trust init + add-witness, quorum 1). */
  trustPolicyPath: string;
  witnessName: string;
  /** Agreements, the high-risk team and monitoring (coordination.browser.ts). */
  coordination: CoordinationWorld;
}

/**
 * A small CCR through the real API, with the SDK doing the cryptography: three agencies, a police
 * referral to advocacy under a release, a note only advocacy may read, probation refused when it
 * tries, a signed checkpoint. Enough log for the auditor's screens.
 */
export async function seedWorld(service: RunningService): Promise<World> {
  const work = mkdtempSync(join(tmpdir(), 'ccr-browser-keys-'));
  const password = await bootstrapAdministrator(service.env, 'ccr-coordinator');
  const admin = await AdminConsole.signIn(service.url, 'ccr-coordinator', password);
  const agencies = {
    police: await admin.onboardAgency('Riverside Police Department', 'law_enforcement', 'criminal_justice'),
    advocacy: await admin.onboardAgency('Harbor Advocacy Center', 'advocacy', 'vawa_fvpsa_voca'),
    probation: await admin.onboardAgency('County Probation Office', 'probation', 'criminal_justice'),
    shelter: await admin.onboardAgency('Northside Family Shelter', 'advocacy', 'vawa_fvpsa_voca'),
  };
  const police = await agencySystem(admin, service.url, work, 'Police', agencies.police);
  // First after police: its referral's one-minute deadline then runs out while the rest is seeded,
  // not while the first case journey waits for it (untilOverdue; decision 0154).
  const shelter = await seedShelter(admin, service.url, work, police);
  const advocacy = await agencyPerson(admin, service.url, work, 'Advocacy', agencies.advocacy, 'advocate.maria', ['advocate']);
  const probation = await agencySystem(admin, service.url, work, 'Probation', agencies.probation);
  const auditor = { username: 'auditor.lee', password: await admin.addPerson(admin.coordinatingBodyId, 'auditor.lee', ['auditor']) };
  const person = await enrolPerson(service.url, admin, admin.coordinatingBodyId, 'auditor.ana', ['auditor']);
  const passkeyPerson = await enrolPerson(service.url, admin, agencies.advocacy, 'advocate.pat', ['advocate']);
  const coordinator = await enrolPerson(service.url, admin, admin.coordinatingBodyId, 'coordinator.sam', ['admin']);
  const onboardAdmin = await enrolPerson(service.url, admin, admin.coordinatingBodyId, 'coordinator.ola', ['admin']);
  const northside = await agencyPerson(admin, service.url, work, 'Northside', agencies.shelter, 'northside.desk', ['advocate']);
  const shelterDesk = { keystorePath: northside.keystorePath, passphrase: northside.passphrase, username: northside.person?.username ?? '', password: northside.person?.password ?? '' };
  const shelterMember = await enrolPerson(service.url, admin, agencies.shelter, 'shelter.jo', ['advocate']);
  const advocate = await enrolPerson(service.url, admin, agencies.advocacy, 'advocate.rosa', ['advocate']);
  const releaseAdvocate = await enrolPerson(service.url, admin, agencies.advocacy, 'advocate.lucia', ['advocate']);
  const releaseKeyboardAdvocate = await enrolPerson(service.url, admin, agencies.advocacy, 'advocate.noor', ['advocate']);
  const advocacyDesk = { keystorePath: advocacy.keystorePath, passphrase: advocacy.passphrase, username: advocacy.person?.username ?? '', password: advocacy.person?.password ?? '' };
  const newcomer = { username: 'auditor.kim', link: (await personWithEnrolmentCode(admin, admin.coordinatingBodyId, 'auditor.kim', ['auditor'])).link };


  const policeCase = await police.client.cases.open({ profile: { name: SURVIVOR_WORDS[0], phone: SURVIVOR_WORDS[1] } });
  const release = await police.client.consents.record(policeCase.id, referralRelease(agencies.advocacy));
  const referral = await police.client.referrals.send({
    fromCaseId: policeCase.id,
    toAgencyId: agencies.advocacy,
    consentId: release.id,
    purpose: 'advocacy_services',
    priority: 'urgent',
    content: { survivor: SURVIVOR_WORDS[0], safePhone: SURVIVOR_WORDS[1], incident: SURVIVOR_WORDS[2] },
  });
  await advocacy.client.referrals.setStatus(referral.id, { status: 'received' });
  const shelterRelease = await police.client.consents.record(policeCase.id, referralRelease(agencies.shelter));
  const toShelter = await police.client.referrals.send({ fromCaseId: policeCase.id, toAgencyId: agencies.shelter, consentId: shelterRelease.id, purpose: 'advocacy_services', priority: 'routine', content: { survivor: SURVIVOR_WORDS[0], safePhone: SURVIVOR_WORDS[1] } });
  await northside.client.referrals.setStatus(toShelter.id, { status: 'received' });
  const opened = await advocacy.client.referrals.get(referral.id);
  const note = await advocacy.client.notes.add(opened.caseId, { category: 'safety_plan', content: SURVIVOR_WORDS[2] });
  const refused = await probation.client.notes.read(note.id).then(() => false, (error: unknown) => isNotFound(error));
  if (!refused) throw new Error('seed: probation was not refused the advocacy note');
  const coordination = await seedCoordination(service.url, admin, { police, advocacy, probation }, policeCase.id);
  const witness = await runWitness(service.url, admin, probation, work);
  return { url: service.url, logFile: service.logFile, databaseUrl: service.databaseUrl, agencies, auditor, person, passkeyPerson, coordinator, onboardAdmin, shelterDesk, shelterMember, advocate, releaseAdvocate, releaseKeyboardAdvocate, advocacyDesk, probationDesk: { keystorePath: probation.keystorePath, passphrase: probation.passphrase }, newcomer, caseId: policeCase.id, shelter, coordination, ...witness };
}

export interface ShelterWorld {
  agencies: { shelter: string; legalAid: string };
  /** A person of the shelter holding its file keystore: adds the advocates' membership wraps. */
  desk: { keystorePath: string; passphrase: string; username: string; password: string };
  /** Enrolled advocates of the shelter: one for the pointer journey, one for the keyboard-only run (each TOTP step is accepted once per person). */
  advocate: EnrolledPerson;
  keyboardAdvocate: EnrolledPerson;
  /** The shelter's own case, linked from police's referral. */
  caseId: string;
  referralId: string;
  /** When the referral's first step ran out: a minute after it was sent (the agreement's short deadline). */
  overdueAt: string;
}

/**
 * Police refer a survivor to the shelter under a signed agreement whose first step ("received")
 * is due one business minute after sending, on a calendar open all day every day: nobody
 * acknowledges it, so it is overdue a minute later. The shelter records the survivor's release to
 * legal aid (notes and referrals) on its linked case and writes a legal note legal aid may read.
 */
async function seedShelter(admin: AdminConsole, url: string, work: string, police: AgencyDesk): Promise<ShelterWorld> {
  const agencies = {
    shelter: await admin.onboardAgency('Lakeside Shelter', 'advocacy', 'vawa_fvpsa_voca'),
    legalAid: await admin.onboardAgency('Northern Legal Aid', 'other', 'none'),
  };
  const desk = await agencyPerson(admin, url, work, 'Shelter', agencies.shelter, 'shelter.desk', ['advocate']);
  const legalAid = await agencySystem(admin, url, work, 'Legal Aid', agencies.legalAid);
  const proposed = await police.client.agreements.propose({
    parties: [police.agencyId, agencies.shelter],
    calendar: { timeZone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], opens: '00:00', closes: '23:59', holidays: [] },
    handoffs: [
      {
        from: { agencyId: police.agencyId },
        to: { agencyId: agencies.shelter },
        purpose: 'advocacy_services',
        priority: 'urgent',
        steps: [
          { step: 'received', withinMinutes: 1 },
          { step: 'answered', withinMinutes: 30 * 24 * 60 },
        ],
        escalateTo: { agencyId: agencies.shelter, role: 'duty_supervisor' },
      },
    ],
  });
  await desk.client.agreements.sign(proposed.id, 1);
  const policeCase = await police.client.cases.open({ profile: { name: CASE_WORDS[0] } });
  const release = await police.client.consents.record(policeCase.id, referralRelease(agencies.shelter));
  const referral = await police.client.referrals.send({ fromCaseId: policeCase.id, toAgencyId: agencies.shelter, consentId: release.id, purpose: 'advocacy_services', priority: 'urgent', content: { survivor: CASE_WORDS[0], need: CASE_WORDS[1] } });
  if (referral.deadlines.length !== 2) throw new Error('seed: the police–shelter agreement gave the referral no deadlines');
  const caseId = (await desk.client.referrals.page({ box: 'in' })).items.find((each) => each.id === referral.id)?.caseId ?? '';
  await desk.client.consents.record(caseId, { ...referralRelease(agencies.legalAid), actions: ['receive_referral', 'receive_notes'], categories: ['legal'], purpose: 'protection_order_support' });
  const note = await desk.client.notes.add(caseId, { category: 'legal', content: CASE_WORDS[1] });
  // Legal aid reads it: a disclosure the shelter's timeline shows (from the survivor's accounting).
  if ((await legalAid.client.notes.read(note.id)).text !== CASE_WORDS[1]) throw new Error('seed: legal aid did not read the shelter note');
  const people = {
    advocate: await enrolPerson(url, admin, agencies.shelter, 'advocate.ines', ['advocate']),
    keyboardAdvocate: await enrolPerson(url, admin, agencies.shelter, 'advocate.kofi', ['advocate']),
  };
  const deskLogin = { keystorePath: desk.keystorePath, passphrase: desk.passphrase, username: desk.person?.username ?? '', password: desk.person?.password ?? '' };
  const overdueAt = referral.deadlines.find((each) => each.step === 'received')?.respondBy ?? '';
  return { agencies, desk: deskLogin, ...people, caseId, referralId: referral.id, overdueAt };
}

const WITNESS = 'witness.county-probation.example/w1';

/** Probation runs a witness (ccrx witness) that cosigns the latest checkpoint; the auditor writes a trust policy naming it. */
async function runWitness(url: string, admin: AdminConsole, probation: AgencyDesk, work: string): Promise<{ trustPolicyPath: string; witnessName: string }> {
  const must = async (args: string[], identity: CcrxIdentity = {}) => {
    const run = await ccrx(url, identity, args);
    if (run.code !== 0) throw new Error(`seed: ccrx ${args[0]} failed: ${run.stderr}`);
    return run.json as { verifierKey?: string };
  };
  const { verifierKey } = (await (await fetch(`${url}/ledger/log-key`)).json()) as { verifierKey: string };
  const key = join(work, 'witness.key');
  const state = join(work, 'witness.state');
  const witnessKey = (await must(['witness', 'init', '--name', WITNESS, '--key', key, '--state', state, '--log-key', verifierKey])).verifierKey ?? '';
  await admin.registerWitness(WITNESS, witnessKey, probation.agencyId);
  await admin.post('/ledger/checkpoints', {});
  await must(['witness', '--once', '--key', key, '--state', state], { keystorePath: probation.keystorePath, passphrase: probation.passphrase });
  const trustPolicyPath = join(work, 'trust.json');
  await must(['ledger', 'trust', 'init', '--trust', trustPolicyPath]);
  await must(['ledger', 'trust', 'add-witness', '--trust', trustPolicyPath, '--witness', witnessKey, '--quorum', '1']);
  return { trustPolicyPath, witnessName: WITNESS };
}
