import { writeFile } from 'node:fs/promises';
import { policeAdvocacyTerms } from '../support/agreements';
import { KEYSTORE_PASSPHRASE, type ListeningApp, runCli, type TempFolder } from '../support/sdk';
import { type PoliceAndAdvocacy, policeAndAdvocacy, type SdkAgency } from '../support/sdk-world';

// The CLI steps spawn ccrx from source (ts-node): seconds each on a busy machine.
jest.setTimeout(300_000);

/** `ccrx agreement propose | sign | list | show` with each agency's keystore (issue 21). */
describe('ccrx agreement', () => {
  let world: PoliceAndAdvocacy;
  let app: ListeningApp;
  let folder: TempFolder;
  let police: SdkAgency;
  let advocacy: SdkAgency;

  beforeAll(async () => {
    world = await policeAndAdvocacy();
    ({ app, folder, police, advocacy } = world);
  });
  afterAll(() => world?.close());

  const as = (agency: SdkAgency) => ({ CCRX_API: app.baseUrl, CCRX_KEYSTORE: agency.keystore.path, CCRX_PASSPHRASE: KEYSTORE_PASSPHRASE });

  it('police propose from a terms file, advocacy signs, both see it in force with every signature checked', async () => {
    const termsFile = folder.file('terms.json');
    await writeFile(termsFile, JSON.stringify(policeAdvocacyTerms(police.agencyId, advocacy.agencyId)));
    const proposed = await runCli(['--json', 'agreement', 'propose', '--terms', termsFile], as(police));
    expect(proposed.stderr).toBe('');
    const agreement = JSON.parse(proposed.stdout) as { id: string; inForceVersion: number | null; versions: { awaiting: string[] }[] };
    expect(agreement.inForceVersion).toBeNull();
    expect(agreement.versions[0].awaiting).toEqual([advocacy.agencyId]);
    const signed = await runCli(['agreement', 'sign', '--agreement', agreement.id, '--version', '1'], as(advocacy));
    expect(signed.stdout).toContain(`Signed version 1 of agreement ${agreement.id}.`);
    expect(signed.stdout).toContain('version 1: in_force');
    expect(signed.stdout).toContain('advocacy_services/urgent: received within 60 min');
    const listed = await runCli(['agreement', 'list'], as(police));
    expect(listed.stdout).toContain(`${agreement.id}  version 1 in force`);
    const shown = await runCli(['agreement', 'show', '--agreement', agreement.id], as(police));
    expect(shown.stdout).toContain('Every signature checks out against the key directory.');
  });
});
