import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '../..');

/**
 * The node arguments that run one of our entry points (src/main.ts, src/cli/main.ts,
 * src/admin/main.ts) in a child process: its build in dist/ when that is newer than every source
 * file (CI builds before it tests; so does `npm run test:browser`), otherwise the source through
 * ts-node, so a developer's `npm test` needs no build. Through ts-node each start transpiles the
 * whole application first: about 5 s of CPU against half a second for the build, and the e2e tier
 * starts ccrx, the admin command and the service hundreds of times (decision 0154).
 */
export function entryPointArgs(source: `src/${string}.ts`): string[] {
  const built = join(REPO_ROOT, 'dist', source.replace(/\.ts$/, '.js'));
  if (isCurrentBuild(built)) return [built];
  return ['-r', join(REPO_ROOT, 'node_modules/ts-node/register/transpile-only'), join(REPO_ROOT, source)];
}

/** The shell command for an entry point (for scripts a test writes), quoted as a shell word each. */
export function entryPointCommand(source: `src/${string}.ts`): string {
  return ['node', ...entryPointArgs(source)].map((word) => (word === 'node' ? word : `"${word}"`)).join(' ');
}

let newestSourceAt: number | undefined;

function isCurrentBuild(built: string): boolean {
  let builtAt: number;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    return false;
  }
  // Once per test file: the sources do not change while a suite runs.
  newestSourceAt ??= newestIn(join(REPO_ROOT, 'src'));
  return newestSourceAt < builtAt;
}

function newestIn(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}
