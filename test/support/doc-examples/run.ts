import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '../service-process';
import { isRunnableShell } from './check';
import type { DocExample } from './extract';
import { jsonMismatch } from './json-match';
import type { DocWorkspace } from './workspace';

/** The origin the documents show (`npm start`'s); the test's service answers somewhere else. */
export const DOCUMENTED_ORIGIN = 'http://127.0.0.1:3000';

const PRELUDE = join(__dirname, 'prelude.sh');

export interface DocumentRun {
  workspace: DocWorkspace;
  /** Origin of the fresh service this document runs against. */
  baseUrl: string;
  /** What `npm run admin` sees: the service's database and signing keys. */
  adminEnv: Record<string, string>;
  timeoutMs: number;
}


/**
 * Runs one document's examples in order in one bash session (decision 0059): variables, aliases and
 * the working directory carry from one shell example to the next; a `file` JSON example is saved in
 * the session's working directory; a `response` JSON example is compared with the standard output
 * of the shell example just above. Answers the failures, each naming the document and line.
 */
export async function runDocument(name: string, examples: DocExample[], options: DocumentRun): Promise<string[]> {
  const folder = join(options.workspace.root, 'runs', name.replace(/[^\w.-]/g, '_'));
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'admin.env'), Object.entries(options.adminEnv).map(([key, value]) => `${key}=${shellQuote(value)}\n`).join(''));
  const script = ['set -eEu -o pipefail', 'shopt -s expand_aliases', `source ${shellQuote(PRELUDE)}`, `cd ${shellQuote(options.workspace.checkout)}`];
  for (const [index, example] of examples.entries()) {
    if (example.tag?.kind === 'no-run') continue;
    script.push(`echo ${index} > "$__DOC_RUN/current"`);
    if (example.tag?.kind === 'file') {
      await writeFile(join(folder, `example-${index}.json`), `${example.code}\n`);
      script.push(`cp -- "$__DOC_RUN/example-${index}.json" ${shellQuote(example.tag.name)}`);
    } else if (example.language === 'shell') {
      await writeFile(join(folder, `example-${index}.sh`), `${commandsOf(example.code).split(DOCUMENTED_ORIGIN).join(options.baseUrl)}\n`);
      script.push(`source "$__DOC_RUN/example-${index}.sh" > "$__DOC_RUN/out-${index}" 2> "$__DOC_RUN/err-${index}" < /dev/null`);
    }
  }
  script.push(`echo done > "$__DOC_RUN/current"`);
  await writeFile(join(folder, 'session.sh'), `${script.join('\n')}\n`);
  const exit = await runBash(join(folder, 'session.sh'), folder, options);
  const failures = await sessionFailure(folder, examples, exit);
  return failures.length > 0 ? failures : responseMismatches(folder, examples);
}

/** A transcript (`$ command` lines followed by what it printed) runs its commands only. */
export function commandsOf(code: string): string {
  const lines = code.split('\n');
  if (!lines.find((line) => line.trim() !== '')?.startsWith('$ ')) return code;
  const commands: string[] = [];
  let continued = false;
  for (const line of lines) {
    if (line.startsWith('$ ')) commands.push(line.slice(2));
    else if (continued) commands.push(line);
    else commands.push(''); // keep line numbers: output lines become empty lines
    continued = commands[commands.length - 1].trimEnd().endsWith('\\');
  }
  return commands.join('\n');
}

interface BashExit {
  code: number | null;
  timedOut: boolean;
}

function runBash(script: string, folder: string, options: DocumentRun): Promise<BashExit> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', script], {
      cwd: options.workspace.checkout,
      detached: true,
      stdio: 'ignore',
      env: {
        PATH: `${options.workspace.bin}:${process.env.PATH ?? ''}`,
        HOME: options.workspace.home,
        TMPDIR: options.workspace.tmp,
        LANG: 'C.UTF-8',
        TS_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.json'),
        __DOC_RUN: folder,
        __DOC_ADMIN: options.workspace.admin,
        __DOC_CLI: options.workspace.cli,
      },
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, options.timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut });
    });
  });
}

async function sessionFailure(folder: string, examples: DocExample[], exit: BashExit): Promise<string[]> {
  const current = (await readIfThere(join(folder, 'current'))).trim();
  if (exit.code === 0 && !exit.timedOut && current === 'done') return [];
  const frames = (await readIfThere(join(folder, 'failed')))
    .split('\n')
    .map((line) => /^(\d+) .*example-(\d+)\.sh$/.exec(line))
    .filter((match) => match !== null);
  const index = frames.length > 0 ? Number(frames[0][2]) : Number(current);
  const example = examples[index];
  if (!example) return [`the document's session ended (exit ${exit.code}) before its first example`];
  const lineInExample = frames.length > 0 ? Number(frames[0][1]) : undefined;
  const line = example.line + (lineInExample ?? 1);
  const what = exit.timedOut ? 'did not finish in the time allowed to the document' : `failed (exit status ${exit.code})`;
  const command = lineInExample === undefined ? '' : `\n  command: ${commandsOf(example.code).split('\n')[lineInExample - 1]?.trim()}`;
  const output = `\n  stderr: ${tail(await readIfThere(join(folder, `err-${index}`)))}\n  stdout: ${tail(await readIfThere(join(folder, `out-${index}`)))}`;
  return [`${example.file}:${line}: the example at line ${example.line} ${what}${command}${output}`];
}

async function responseMismatches(folder: string, examples: DocExample[]): Promise<string[]> {
  const failures: string[] = [];
  for (const [index, example] of examples.entries()) {
    if (example.tag?.kind !== 'response' || !isRunnableShell(examples[index - 1])) continue;
    const answer = (await readIfThere(join(folder, `out-${index - 1}`))).trim();
    const where = `${example.file}:${example.line}`;
    let actual: unknown;
    try {
      actual = JSON.parse(answer);
    } catch {
      failures.push(`${where}: the example at line ${examples[index - 1].line} printed no single JSON value to compare with this response: ${tail(answer)}`);
      continue;
    }
    const mismatch = jsonMismatch(JSON.parse(example.code), actual);
    if (mismatch) failures.push(`${where}: the answer changed: ${mismatch}\n  answer: ${JSON.stringify(actual)}`);
  }
  return failures;
}

async function readIfThere(path: string): Promise<string> {
  return existsSync(path) ? readFile(path, 'utf8') : '';
}

function tail(text: string): string {
  const lines = text.trimEnd().split('\n');
  return lines.length <= 15 ? text.trimEnd() : `…\n${lines.slice(-15).join('\n')}`;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
