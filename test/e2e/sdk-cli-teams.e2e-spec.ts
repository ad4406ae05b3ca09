import { randomUUID } from 'node:crypto';
import { CcrClient, Credentials, isNotFound } from '../../src/sdk';
import { type Actor } from '../support/ccr';
import { type ListeningApp, runCli, startListeningApp } from '../support/sdk';

// The CLI steps spawn ccrx from source (ts-node): seconds each on a busy machine.
jest.setTimeout(180_000);

/** High-risk teams through the SDK (client.teams) and `ccrx team …`, signed in as people. */
describe('SDK and ccrx: high-risk teams', () => {
  let app: ListeningApp;
  let chair: Actor;
  let member: Actor;
  let outsider: Actor;
  let police: string;

  beforeAll(async () => {
    app = await startListeningApp();
    chair = await app.ccr.person(await app.ccr.agency('advocacy', 'vawa_fvpsa_voca'), ['advocate']);
    member = await app.ccr.person(await app.ccr.agency('probation', 'criminal_justice'), ['agency_worker']);
    outsider = await app.ccr.person(await app.ccr.agency('school', 'ferpa'), ['agency_worker']);
    police = await app.ccr.agency('law_enforcement', 'criminal_justice');
  });
  afterAll(async () => {
    await app.close();
  });

  const clientOf = (actor: Actor) => CcrClient.connect({ baseUrl: app.baseUrl, credentials: Credentials.password(actor.username, actor.secret) });
  const asPerson = (actor: Actor) => ({ CCRX_API: app.baseUrl, CCRX_PASSWORD: actor.secret });

  it('forms, lists and shows a team through the SDK; a non-member gets 404', async () => {
    const [chairClient, memberClient, outsiderClient] = await Promise.all([clientOf(chair), clientOf(member), clientOf(outsider)]);
    try {
      const team = await chairClient.teams.form({ name: `Team ${randomUUID()}`, memberAgencyIds: [member.agencyId, police], requiresWrittenConsent: false });
      expect(team).toMatchObject({ chairAgencyId: chair.agencyId, requiresWrittenConsent: false, memberAgencyIds: [chair.agencyId, member.agencyId, police].sort() });
      await expect(memberClient.teams.get(team.id)).resolves.toEqual(team);
      await expect(memberClient.teams.list()).resolves.toEqual(expect.arrayContaining([team]));
      expect(isNotFound(await outsiderClient.teams.get(team.id).catch((e: unknown) => e))).toBe(true);
    } finally {
      for (const client of [chairClient, memberClient, outsiderClient]) client.close();
    }
  });

  it('ccrx team form, list and show', async () => {
    const name = `Duluth DVHRT ${randomUUID()}`;
    const formed = await runCli(['--json', '--user', chair.username, 'team', 'form', '--name', name, '--member', member.agencyId, '--member', police], asPerson(chair));
    expect(formed.stderr).toBe('');
    expect(formed.code).toBe(0);
    const team = JSON.parse(formed.stdout) as { id: string; requiresWrittenConsent: boolean };
    expect(team.requiresWrittenConsent).toBe(true);

    const shown = await runCli(['--user', member.username, 'team', 'show', '--team', team.id], asPerson(member));
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(name);
    expect(shown.stdout).toContain(`chair:   ${chair.agencyId}`);

    const hidden = await runCli(['--user', outsider.username, 'team', 'show', '--team', team.id], asPerson(outsider));
    expect(hidden.code).toBe(4);
    const listed = await runCli(['--user', outsider.username, 'team', 'list'], asPerson(outsider));
    expect(listed.stdout).toContain('Your agency is in no team.');
  });
});
