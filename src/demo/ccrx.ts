import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../tooling/service-process';

export interface CcrxIdentity {
  keystorePath?: string;
  passphrase?: string;
  person?: { username: string; password: string };
}

/**
 * Runs the real `ccrx` (dist/src/cli/main.js) as the people of the story would, with --json.
 * Returns its exit code and parsed output; never throws on a non-zero exit.
 */
/** Where the commands are recorded when the demo keeps its folder (--keep). */
let recorder: ((identity: CcrxIdentity, args: string[]) => void) | undefined;

export function recordCommandsWith(record: (identity: CcrxIdentity, args: string[]) => void): void {
  recorder = record;
}

export async function ccrx(apiUrl: string, identity: CcrxIdentity, args: string[]): Promise<{ code: number; json: unknown; stderr: string }> {
  recorder?.(identity, args);
  const globals = ['--api', apiUrl, '--json', ...(identity.keystorePath ? ['--keystore', identity.keystorePath] : []), ...(identity.person ? ['--user', identity.person.username] : [])];
  const env = {
    PATH: process.env.PATH ?? '',
    ...(identity.passphrase ? { CCRX_PASSPHRASE: identity.passphrase } : {}),
    ...(identity.person ? { CCRX_PASSWORD: identity.person.password } : {}),
  };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['dist/src/cli/main.js', ...globals, ...args], { cwd: REPO_ROOT, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, json: parse(stdout), stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, json: parse(failed.stdout ?? ''), stderr: failed.stderr ?? '' };
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text.trim();
  }
}
