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

export interface World {
  url: string;
  agencies: { police: string; advocacy: string; probation: string };
  /** Signs in by the password grant (the tests' stand-in for a session; decision 0109). */
  auditor: { username: string; password: string };
  /** Enrolled (OPAQUE + TOTP): signs in through the console's sign-in screen. */
  person: EnrolledPerson;
  /** Enrolled too, for the passkey journey (its own TOTP steps: each is accepted once). */
  passkeyPerson: EnrolledPerson;
  /** An advocate of the advocacy agency, enrolled; their keys and membership wrap are made by the advocate-inbox test. */
  advocate: EnrolledPerson;
  /** The advocacy agency's file keystore (a member who holds the agency's keys) and its person's sign-in: it adds the advocate. */
  advocacyDesk: { keystorePath: string; passphrase: string; username: string; password: string };
  /** A person not enrolled yet, and their enrolment link. */
  newcomer: { username: string; link: string };
  caseId: string;
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
  };
  const police = await agencySystem(admin, service.url, work, 'Police', agencies.police);
  const advocacy = await agencyPerson(admin, service.url, work, 'Advocacy', agencies.advocacy, 'advocate.maria', ['advocate']);
  const probation = await agencySystem(admin, service.url, work, 'Probation', agencies.probation);
  const auditor = { username: 'auditor.lee', password: await admin.addPerson(admin.coordinatingBodyId, 'auditor.lee', ['auditor']) };
  const person = await enrolPerson(service.url, admin, admin.coordinatingBodyId, 'auditor.ana', ['auditor']);
  const passkeyPerson = await enrolPerson(service.url, admin, admin.coordinatingBodyId, 'auditor.pat', ['auditor']);
  const advocate = await enrolPerson(service.url, admin, agencies.advocacy, 'advocate.rosa', ['advocate']);
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
  const opened = await advocacy.client.referrals.get(referral.id);
  const note = await advocacy.client.notes.add(opened.caseId, { category: 'safety_plan', content: SURVIVOR_WORDS[2] });
  const refused = await probation.client.notes.read(note.id).then(() => false, (error: unknown) => isNotFound(error));
  if (!refused) throw new Error('seed: probation was not refused the advocacy note');
  const coordination = await seedCoordination(service.url, admin, { police, advocacy, probation }, policeCase.id);
  const witness = await runWitness(service.url, admin, probation, work);
  return { url: service.url, logFile: service.logFile, databaseUrl: service.databaseUrl, agencies, auditor, person, passkeyPerson, advocate, advocacyDesk, newcomer, caseId: policeCase.id, coordination, ...witness };
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
