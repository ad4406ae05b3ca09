import { build, type BuildFailure, type BuildOptions } from 'esbuild';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';

const ROOT = join(__dirname, '../..');

// What an application's bundler does with the SDK's browser entry: platform "browser" (esbuild
// then refuses any Node built-in), the "browser" and "import" conditions.
const forBrowsers = (entry: string, overrides: BuildOptions = {}): BuildOptions => ({
  entryPoints: [join(ROOT, entry)],
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  write: false,
  metafile: true,
  logLevel: 'silent',
  ...overrides,
});

const isNodeBuiltin = (path: string) => path.startsWith('node:') || builtinModules.includes(path);

describe('the SDK browser entry (src/sdk/browser.ts)', () => {
  it('bundles for browsers without reaching a Node built-in, with libsodium ESM build', async () => {
    const result = await build(forBrowsers('src/sdk/browser.ts', { format: 'esm' }));
    const inputs = Object.keys(result.metafile?.inputs ?? {});
    expect(result.errors).toEqual([]);
    expect(inputs.filter(isNodeBuiltin)).toEqual([]);
    expect(inputs).toContain('node_modules/libsodium-wrappers-sumo/dist/modules-sumo-esm/libsodium-wrappers.mjs');
    expect(inputs).toContain('node_modules/libsodium-sumo/dist/modules-sumo-esm/libsodium-sumo.mjs');
    expect(inputs.filter((path) => path.includes('libsodium') && !path.includes('modules-sumo-esm'))).toEqual([]);
    expect(inputs).toContain('node_modules/jose/dist/webapi/index.js');
    // The files that need Node stay out: keystore files, the environment, the Node entry.
    expect(inputs.filter((path) => /keystore-files|file-keystore|passphrase-source|sdk\/files\/|sdk\/index\.ts/.test(path))).toEqual([]);
  });

  it('the plain entry (src/sdk/browser-plain.ts) reaches no libsodium, OPAQUE or key code: a page can keep them in a worker', async () => {
    const result = await build(forBrowsers('src/sdk/browser-plain.ts', { format: 'esm' }));
    const inputs = Object.keys(result.metafile?.inputs ?? {});
    expect(result.errors).toEqual([]);
    expect(inputs).toContain('src/sdk/http/http-core.ts');
    expect(inputs.filter((path) => /libsodium|@serenity-kit\/opaque|jose|src\/crypto\/(sodium|person|envelope|agency-keys|keystore)/.test(path))).toEqual([]);
    expect(result.outputFiles![0].text).not.toContain('AGFzbQ'); // "\0asm" in base64: no inlined WebAssembly
  });

  it('would fail on a Node built-in: the Node entry does not bundle for browsers', async () => {
    const failure = (await build(forBrowsers('src/sdk/index.ts')).then(
      () => undefined,
      (error: unknown) => error,
    )) as BuildFailure | undefined;
    expect(failure?.errors.map((error) => error.text).join('\n')).toMatch(/node:(fs\/promises|crypto|path)/);
  });

  it('seals and opens in a context without process, require or Buffer, through libsodium WebAssembly', async () => {
    const bundle = await build(forBrowsers('src/sdk/browser.ts', { format: 'iife', globalName: 'CcrSdk' }));
    const context = browserLikeContext();
    runInContext(bundle.outputFiles![0].text, context);
    const outcome = (await runInContext(SEAL_AND_OPEN, context)) as { text: string; globals: string[]; wasmInstances: number };
    expect(outcome.text).toBe('referral packet, sealed in a browser tab');
    expect(outcome.globals).toEqual(['undefined', 'undefined', 'undefined']);
    expect(outcome.wasmInstances).toBeGreaterThanOrEqual(1);
  });
});

/**
 * A fresh JavaScript realm holding only the web APIs the SDK uses (Web Crypto, TextEncoder and
 * TextDecoder, URL, atob/btoa, timers): no process, require, Buffer or module system. The encoders are
 * rebuilt inside the realm, as a browser's are, so bytes are that realm's Uint8Arrays.
 */
function browserLikeContext() {
  const outer = {
    __encode: (text: string) => new TextEncoder().encode(text),
    __Decoder: TextDecoder,
    crypto: { getRandomValues: (array: Uint8Array) => crypto.getRandomValues(array), randomUUID: () => crypto.randomUUID(), subtle: crypto.subtle },
    URL,
    // Every browser has them; OPAQUE's inlined WebAssembly (PersonSession) is decoded with atob.
    atob,
    btoa,
    setTimeout,
    clearTimeout,
  };
  const context = createContext({ ...outer });
  runInContext(
    `globalThis.window = globalThis.self = globalThis;
     globalThis.TextEncoder = class TextEncoder { encode(text = '') { return Uint8Array.from(__encode(text)); } };
     globalThis.TextDecoder = class TextDecoder { #d; constructor(label, options) { this.#d = new __Decoder(label, options); } decode(bytes) { return this.#d.decode(bytes); } };
     globalThis.__wasmInstances = 0;
     const instantiate = WebAssembly.instantiate;
     WebAssembly.instantiate = function (...args) { globalThis.__wasmInstances++; return instantiate.apply(this, args); };`,
    context,
  );
  return context;
}

// Two agencies' keystores in memory, each pinning the other, one sealing for the other.
const SEAL_AND_OPEN = `(async () => {
  const { AgencyKeystore, MemoryKeystoreStorage, offlineRecords } = CcrSdk;
  const create = (agencyId) => AgencyKeystore.create({ storage: new MemoryKeystoreStorage(), agencyId, passphrase: 'a passphrase typed in a browser', strength: 'interactive' });
  const police = await create(crypto.randomUUID());
  const advocacy = await create(crypto.randomUUID());
  const pin = async (keystore, other) => keystore.setPin({ agencyId: other.agencyId, origin: 'fingerprint', pinnedAt: new Date().toISOString(), updatedAt: new Date().toISOString(), epochs: await other.publicEpochs() });
  await pin(police, advocacy);
  await pin(advocacy, police);
  const record = await offlineRecords(police).seal({
    caseId: crypto.randomUUID(), category: 'referral', body: 'referral packet, sealed in a browser tab',
    recipients: [{ agencyId: advocacy.agencyId, consentId: crypto.randomUUID() }],
  });
  const opened = await offlineRecords(advocacy).open(record);
  return { text: new TextDecoder().decode(opened.body), globals: [typeof process, typeof require, typeof Buffer], wasmInstances: globalThis.__wasmInstances };
})()`;
