#!/usr/bin/env node
// Builds the two installable packages from src/ in place (decision 0056):
//   packages/sdk/dist   tsc: the SDK's Node entry and browser entry as CommonJS + declarations, with
//                       the shared modules they import; esbuild: dist/browser.mjs, the browser ESM
//   packages/ccrx/dist  esbuild: ccrx.js, the CLI in one CommonJS file
// and refuses anything that is not client code. `--pack <folder>` then runs `npm pack` for both.
// Usage: node packages/build.mjs [--pack dist/packages]   (npm run packages)
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SDK = join(ROOT, 'packages/sdk');
const CCRX = join(ROOT, 'packages/ccrx');

// Client code: what the SDK and ccrx may contain. Everything else under src/ is the server's.
const CLIENT_SOURCE = [
  /^src\/(sdk|crypto|cli)\//,
  /^src\/consent\/(consent\.vocabulary|consent\.meanings|consent-terms|consent-rules)\.ts$/,
  /^src\/consent\/policy\//,
  /^src\/(referrals\/referral|events\/event|agencies\/agency|risk\/risk|risk\/team\/team)\.vocabulary\.ts$/,
  /^src\/agreements\/(agreement\.vocabulary|agreement-terms)\.ts$/,
  /^src\/ledger\/(verifier|witness-client|checkpoint|merkle)\//,
  /^src\/ledger\/(case-chain|entry-format|ledger\.vocabulary)\.ts$/,
  /^src\/ledger\/accounting\/accounting-html\.ts$/,
  // The monitoring figures are computed by the same pure code on both sides (decision 0127).
  /^src\/monitoring\/(figures|privacy|render)\//,
  /^src\/monitoring\/verify\.ts$/,
  // The team's repeat rule: version 2 of the figures judges repeats as the service does (decision 0162).
  /^src\/risk\/team\/repeat-referral\.ts$/,
];
const NEVER_SHIPPED = [/\.spec\.ts$/, /\/testing\//, /^src\/crypto\/vectors\//];

function isClientSource(path) {
  return CLIENT_SOURCE.some((pattern) => pattern.test(path)) && !NEVER_SHIPPED.some((pattern) => pattern.test(path));
}

function refuseServerCode(what, sources) {
  const server = sources.filter((path) => path.startsWith('src/') && !isClientSource(path));
  if (server.length > 0) throw new Error(`${what} would contain server code: ${server.join(', ')}`);
  const outside = sources.filter((path) => !path.startsWith('src/') && !path.startsWith('node_modules/'));
  if (outside.length > 0) throw new Error(`${what} would contain files from outside src/: ${outside.join(', ')}`);
}

function manifest(folder) {
  return JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
}

// One source of truth for versions: each package's ranges must be the repository's own.
function checkDependencyRanges(pkg) {
  const root = manifest(ROOT).dependencies;
  for (const [name, range] of Object.entries(pkg.dependencies ?? {})) {
    if (root[name] !== range) throw new Error(`${pkg.name} depends on ${name}@${range}, the repository on ${root[name]}: keep them equal`);
  }
}

// Every import a bundle leaves external is a Node built-in (Node builds only) or a declared dependency.
function checkExternals(what, metafile, pkg, { nodeBuiltins }) {
  const declared = new Set(Object.keys(pkg.dependencies ?? {}));
  for (const output of Object.values(metafile.outputs)) {
    for (const { path } of output.imports) {
      const builtin = path.startsWith('node:') || builtinModules.includes(path);
      if (builtin ? !nodeBuiltins : !declared.has(path)) throw new Error(`${what} imports ${path}, which is not a declared dependency`);
    }
  }
}

function buildSdkCommonJs() {
  rmSync(join(SDK, 'dist'), { recursive: true, force: true });
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const emitted = execFileSync(process.execPath, [tsc, '-p', join(SDK, 'tsconfig.json'), '--listEmittedFiles'], { cwd: ROOT, encoding: 'utf8' });
  const sources = emitted
    .split('\n')
    .filter((line) => line.startsWith('TSFILE: '))
    .map((line) => relative(join(SDK, 'dist'), line.slice('TSFILE: '.length)).replace(/\.d\.ts$|\.js$/, '.ts'))
    .map((path) => `src/${path}`);
  refuseServerCode('@ccr-exchange/sdk', [...new Set(sources)]);
}

// The browser entry as one ES module. jose and libsodium stay imports: the application's bundler
// resolves them once (libsodium's "import" condition is its ESM build, which loads the WebAssembly).
async function buildSdkBrowser(pkg) {
  const result = await build({
    entryPoints: [join(ROOT, 'src/sdk/browser.ts')],
    outfile: join(SDK, 'dist/browser.mjs'),
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    packages: 'external',
    metafile: true,
    logLevel: 'warning',
  });
  refuseServerCode('the SDK browser entry', Object.keys(result.metafile.inputs));
  checkExternals('the SDK browser entry', result.metafile, pkg, { nodeBuiltins: false });
}

// ccrx in one file, so the package holds no server file at all (the CLI's imports of server DTOs are
// type-only and vanish here); its dependencies stay external and are installed by npm.
async function buildCcrx(pkg) {
  rmSync(join(CCRX, 'dist'), { recursive: true, force: true });
  const result = await build({
    entryPoints: [join(ROOT, 'src/cli/main.ts')],
    outfile: join(CCRX, 'dist/ccrx.js'),
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    metafile: true,
    logLevel: 'warning',
  });
  refuseServerCode('@ccr-exchange/ccrx', Object.keys(result.metafile.inputs));
  checkExternals('@ccr-exchange/ccrx', result.metafile, pkg, { nodeBuiltins: true });
}

function pack(folder, destination) {
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', destination], { cwd: folder, encoding: 'utf8' });
  return join(destination, JSON.parse(output)[0].filename);
}

async function main() {
  const packAt = process.argv.indexOf('--pack');
  const sdk = manifest(SDK);
  const ccrx = manifest(CCRX);
  checkDependencyRanges(sdk);
  checkDependencyRanges(ccrx);
  buildSdkCommonJs();
  await buildSdkBrowser(sdk);
  await buildCcrx(ccrx);
  if (packAt < 0) return;
  const destination = resolve(ROOT, process.argv[packAt + 1] ?? 'dist/packages');
  mkdirSync(destination, { recursive: true });
  for (const folder of [SDK, CCRX]) process.stdout.write(`${pack(folder, destination)}\n`);
}

main().catch((error) => {
  process.stderr.write(`packages: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
