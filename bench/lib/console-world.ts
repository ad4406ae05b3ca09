import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminConsole, agencyPerson, bootstrapAdministrator } from '../../src/demo/onboarding';
import { enrolPerson, type EnrolledPerson } from '../../test/browser/support/person';
import { registerPersonKeys } from '../../test/browser/support/person-keys';

/** An advocate ready for the console (keys made, added as a member) and the TOTP step their key registration used. */
export interface ConsoleAdvocate extends EnrolledPerson {
  usedStep: number;
}

export interface ConsoleWorld {
  url: string;
  agencyId: string;
  coordinatingBodyId: string;
  /** One advocate per unlock: each TOTP step is accepted once per person, so each repetition signs in as another. */
  advocates: ConsoleAdvocate[];
  /** The words of the sealed notes on the agency's case, oldest first (the timeline's order). */
  noteWords: string[];
  /** Enrolled, for the console's verify screen. */
  auditor: EnrolledPerson;
  /** The same role by password grant, for the Node baseline (the SDK signs in as the CLI does). */
  nodeAuditor: { username: string; password: string };
  admin: AdminConsole;
}

/**
 * The smallest CCR the console's figures need, through the real API with the browser tests' own
 * helpers (test/browser/support): an advocacy agency whose desk holds its keys, one case with
 * sealed notes, `advocates` people enrolled with OPAQUE and TOTP who made their keys and were
 * added as members, and an auditor.
 */
export async function seedConsoleWorld(url: string, databaseUrl: string, options: { advocates: number; notes: number }): Promise<ConsoleWorld> {
  const work = mkdtempSync(join(tmpdir(), 'ccr-bench-console-'));
  const password = await bootstrapAdministrator({ DATABASE_URL: databaseUrl }, 'bench-coordinator');
  const admin = await AdminConsole.signIn(url, 'bench-coordinator', password);
  const agencyId = await admin.onboardAgency('Bench Harbor Advocacy', 'advocacy', 'vawa_fvpsa_voca');
  const desk = await agencyPerson(admin, url, work, 'Desk', agencyId, 'bench.desk', ['advocate']);
  const handle = await desk.client.cases.open({});
  const noteWords: string[] = [];
  for (let i = 0; i < options.notes; i += 1) {
    const words = `Bench note ${i + 1}: she asked for a call back after six.`;
    await desk.client.notes.add(handle.id, { category: 'safety_plan', content: words });
    noteWords.push(words);
  }
  const advocates: ConsoleAdvocate[] = [];
  for (let i = 0; i < options.advocates; i += 1) {
    const person = await enrolPerson(url, admin, agencyId, `bench.advocate${i + 1}`, ['advocate']);
    const usedStep = Math.floor(Date.now() / 30_000);
    const registered = await registerPersonKeys(url, person, usedStep);
    await desk.client.members.add(registered.personId, { fingerprint: registered.fingerprint });
    advocates.push({ ...person, usedStep });
  }
  const auditor = await enrolPerson(url, admin, admin.coordinatingBodyId, 'bench.auditor', ['auditor']);
  const nodeAuditor = { username: 'bench.auditor.node', password: await admin.addPerson(admin.coordinatingBodyId, 'bench.auditor.node', ['auditor']) };
  return { url, agencyId, coordinatingBodyId: admin.coordinatingBodyId, advocates, noteWords, auditor, nodeAuditor, admin };
}
