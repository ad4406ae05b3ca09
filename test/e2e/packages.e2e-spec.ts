import { build } from 'esbuild';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command, packageProblems, packPackages, tarballFiles } from '../support/packages';
import { REPO_ROOT } from '../support/service-process';
import { type ListeningApp, startListeningApp, uniqueName } from '../support/sdk';

/**
 * An integrator's first hour, with the published artefacts only: `npm run packages` packs the SDK
 * and ccrx, a scratch project outside the repository installs the two tarballs, and plain node
 * scripts (CommonJS and ESM) seal, send and open a referral between two agencies against the
 * running service; the installed ccrx creates the keystores and registers keys.
 */
describe('the installable packages (@ccr-exchange/sdk, @ccr-exchange/ccrx)', () => {
  const passphrase = 'an integrator passphrase';
  let work: string;
  let project: string;
  let tarballs: { sdk: string; ccrx: string };
  let app: ListeningApp;
  const agencies = { police: { id: '', keystore: '' }, advocacy: { id: '', keystore: '' } };

  // `--`: without it npx takes --json and --keystore as its own options.
  const ccrx = (args: string[]) => command('npx', ['--no', '--', 'ccrx', ...args], { cwd: project, env: { CCRX_PASSPHRASE: passphrase } });

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'ccr-packages-'));
    tarballs = await packPackages(join(work, 'tarballs'));
    project = join(work, 'integrator');
    await mkdir(project);
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'integrator', version: '1.0.0', private: true }));
    const installed = await command('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarballs.sdk, tarballs.ccrx], { cwd: project });
    if (installed.code !== 0) throw new Error(`npm install failed: ${installed.stderr}`);

    app = await startListeningApp();
    for (const [kind, agency] of Object.entries(agencies)) {
      agency.id = await app.ccr.agency(kind === 'police' ? 'law_enforcement' : 'advocacy', kind === 'police' ? 'criminal_justice' : 'vawa_fvpsa_voca');
      agency.keystore = join(project, `${kind}-keystore.json`);
      const init = await ccrx(['--json', '--keystore', agency.keystore, 'keys', 'init', '--agency', agency.id, '--client-id', uniqueName(`${kind}-rms`), '--kdf', 'interactive']);
      if (init.code !== 0) throw new Error(`ccrx keys init failed: ${init.stderr}`);
      await app.ccr.createPrincipal(agency.id, (JSON.parse(init.stdout) as { serviceAccount: Record<string, unknown> }).serviceAccount);
    }
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it.each(['sdk', 'ccrx'] as const)('the %s tarball holds client code only: its imports resolve inside it or to declared dependencies', async (name) => {
    const files = await tarballFiles(tarballs[name]);
    const unpacked = join(work, `unpacked-${name}`);
    await mkdir(unpacked);
    await command('tar', ['-xzf', tarballs[name], '-C', unpacked], { cwd: work });
    expect(files).toContain('package/package.json');
    expect(files.filter((file) => /\.(m?js)$/.test(file)).length).toBeGreaterThan(0);
    expect(packageProblems(unpacked, files)).toEqual([]);
    const entries = { sdk: ['package/dist/sdk/index.d.ts', 'package/dist/sdk/browser.d.ts', 'package/dist/browser.mjs'], ccrx: ['package/dist/ccrx.js'] };
    expect(files).toEqual(expect.arrayContaining(entries[name]));
  });

  it('the package check itself fails on server code, an undeclared import and a Node built-in in the browser entry', async () => {
    const fake = join(work, 'fake');
    await mkdir(join(fake, 'package/dist/auth'), { recursive: true });
    await writeFile(join(fake, 'package/package.json'), JSON.stringify({ dependencies: { jose: '^6' } }));
    await writeFile(join(fake, 'package/dist/auth/token.service.js'), "require('@nestjs/common'); require('typeorm');");
    await writeFile(join(fake, 'package/dist/browser.mjs'), "import { readFile } from 'node:fs'; import x from 'left-pad'; import './missing.js';");
    const problems = packageProblems(fake, ['package/package.json', 'package/dist/auth/token.service.js', 'package/dist/browser.mjs']);
    expect(problems).toEqual(
      expect.arrayContaining([
        'ships the server file package/dist/auth/token.service.js',
        'package/dist/auth/token.service.js imports the server package @nestjs/common',
        'package/dist/auth/token.service.js imports the server package typeorm',
        'package/dist/browser.mjs (the browser entry) imports the Node built-in node:fs',
        'package/dist/browser.mjs imports left-pad, which is not a declared dependency',
        'package/dist/browser.mjs imports ./missing.js, which is not in the package',
      ]),
    );
  });

  it('runs the installed ccrx: --help, and keys register against the service', async () => {
    const help = await ccrx(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: ccrx');
    const registered = await ccrx(['--json', '--api', app.baseUrl, '--keystore', agencies.police.keystore, 'keys', 'register']);
    expect(registered.stderr).toBe('');
    expect(JSON.parse(registered.stdout)).toMatchObject({ agencyId: agencies.police.id, currentEpoch: 1 });
  });

  it.each([
    ['CommonJS', 'integrate.cjs'],
    ['ESM', 'integrate.mjs'],
  ])('seals, sends and opens a referral from a %s script with plain node', async (_kind, script) => {
    await writeFile(join(project, script), script.endsWith('.cjs') ? COMMONJS_SCRIPT : ESM_SCRIPT);
    const label = `${script} ${uniqueName('referral')}`;
    const ran = await command(process.execPath, [script, app.baseUrl, agencies.police.keystore, agencies.advocacy.keystore, agencies.advocacy.id, label], {
      cwd: project,
      env: { CCRX_PASSPHRASE: passphrase },
    });
    expect(ran.stderr).toBe('');
    const result = JSON.parse(ran.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({
      opened: { label, lethalityScreen: 'screened in', safeToCall: 'after 6pm' },
      author: agencies.police.id,
      category: 'referral',
      receiverSide: 'receiver',
      fileKeystore: true,
    });
  });

  it.each([
    ['node16', 'node16'],
    ['bundler', 'esnext'],
  ])('its declarations type-check a consumer (moduleResolution %s), the Node and the browser entry', async (resolution, module) => {
    await writeFile(join(project, 'consumer.ts'), TYPED_CONSUMER);
    const tsc = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
    const options = ['--noEmit', '--strict', '--esModuleInterop', '--skipLibCheck', 'false', '--target', 'es2022', '--types', 'node'];
    const checked = await command(process.execPath, [tsc, ...options, '--typeRoots', join(REPO_ROOT, 'node_modules/@types'), '--moduleResolution', resolution, '--module', module, 'consumer.ts'], {
      cwd: project,
    });
    expect(checked.stdout).toBe('');
    expect(checked.code).toBe(0);
  });

  it('resolves the browser entry for browser bundlers and the Node entry for Node, from the installed package', async () => {
    await writeFile(join(project, 'app.js'), "import { AgencyKeystore, MemoryKeystoreStorage } from '@ccr-exchange/sdk';\nexport const keystore = (text) => AgencyKeystore.open(new MemoryKeystoreStorage(text), 'pass');\n");
    const bundle = (platform: 'browser' | 'node') =>
      build({ entryPoints: ['app.js'], absWorkingDir: project, bundle: true, platform, format: 'esm', write: false, metafile: true, logLevel: 'silent' });
    const browser = Object.keys((await bundle('browser')).metafile.inputs);
    expect(browser).toEqual(expect.arrayContaining(['node_modules/@ccr-exchange/sdk/dist/browser.mjs', 'node_modules/libsodium-wrappers-sumo/dist/modules-sumo-esm/libsodium-wrappers.mjs']));
    expect(browser.filter((input) => input.startsWith('node:') || input.includes('/dist/sdk/'))).toEqual([]);
    const node = Object.keys((await bundle('node')).metafile.inputs);
    expect(node).toContain('node_modules/@ccr-exchange/sdk/dist/sdk/index.js');
    expect(node).not.toContain('node_modules/@ccr-exchange/sdk/dist/browser.mjs');
  });
});

// Checked with the shipped declarations only (skipLibCheck off): a wrong path or a type the
// package does not carry fails here.
const TYPED_CONSUMER = `import { AgencyKeystore, CcrClient, Credentials, passphraseFromEnvironment, type ReleaseTerms } from '@ccr-exchange/sdk';
import { AgencyKeystore as PortableKeystore, MemoryKeystoreStorage } from '@ccr-exchange/sdk/browser';
export async function connect(path: string): Promise<CcrClient> {
  const keystore = await AgencyKeystore.open(path, (await passphraseFromEnvironment()) ?? '');
  return CcrClient.connect({ baseUrl: 'https://ccr.example.org', credentials: Credentials.fromKeystore(keystore), keystore });
}
export const inMemory = (text: string): Promise<PortableKeystore> => PortableKeystore.open(new MemoryKeystoreStorage(text), 'a passphrase');
export const purpose: ReleaseTerms['purpose'] = 'advocacy_services';
`;

// One integrator's script, written once: police seal and send, advocacy opens. Only the installed
// package is imported; keys are registered (a no-op once done) and pinned on first use.
const FLOW = `
  const [baseUrl, policeKeystore, advocacyKeystore, advocacyId, label] = process.argv.slice(2);
  const passphrase = await passphraseFromEnvironment();
  const police = await AgencyKeystore.open(policeKeystore, passphrase);
  const advocacy = await AgencyKeystore.open(advocacyKeystore, passphrase);
  const connect = (keystore) => CcrClient.connect({ baseUrl, credentials: Credentials.fromKeystore(keystore), keystore });
  const policeClient = await connect(police);
  const advocacyClient = await connect(advocacy);
  await policeClient.keys.register();
  await advocacyClient.keys.register();
  const { id: caseId } = await policeClient.cases.open();
  const release = await policeClient.consents.record(caseId, {
    recipientAgencyId: advocacyId, actions: ['receive_referral'], categories: [], purpose: 'advocacy_services',
    validFrom: new Date(Date.now() - 60000), validUntil: new Date(Date.now() + 30 * 86400000), captureMode: 'written_signature',
    language: 'en', interpreter: { used: false }, informedConsent: [...INFORMED_CONSENT_ITEMS],
  });
  const content = { label, lethalityScreen: 'screened in', safeToCall: 'after 6pm' };
  const sent = await policeClient.referrals.send({ fromCaseId: caseId, toAgencyId: advocacyId, consentId: release.id, purpose: 'advocacy_services', priority: 'urgent', content });
  const received = await advocacyClient.referrals.get(sent.id);
  process.stdout.write(JSON.stringify({
    opened: received.content, author: received.record.authorAgencyId, category: received.record.category,
    receiverSide: received.yourSide, fileKeystore: police.path === policeKeystore,
  }));
  policeClient.close();
  advocacyClient.close();
  await police.close();
  await advocacy.close();
`;
const NAMES = 'AgencyKeystore, CcrClient, Credentials, INFORMED_CONSENT_ITEMS, passphraseFromEnvironment';
const COMMONJS_SCRIPT = `const { ${NAMES} } = require('@ccr-exchange/sdk');\n(async () => {${FLOW}})().catch((error) => { console.error(error); process.exitCode = 1; });\n`;
const ESM_SCRIPT = `import { ${NAMES} } from '@ccr-exchange/sdk';\n${FLOW}`;
