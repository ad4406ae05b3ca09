import { PassThrough } from 'node:stream';
import { KEYSTORE_PASSPHRASE } from './sdk';
import { REPO_ROOT } from './service-process';
import { runCli } from '../../src/cli/run';

export interface TerminalRun {
  code: number;
  out: string;
  err: string;
  /** What ccrx asked and said on the terminal. */
  shown: string;
}

/**
 * Runs ccrx in this process as if a person sat at a terminal: the prompt streams are injected and
 * the answers typed ahead, one line each. The passphrase comes from CCRX_PASSPHRASE, as ccrx reads
 * its environment through CliIo; the API and keystore must be given as flags (commander reads
 * those variables from process.env).
 */
export async function runInTerminal(args: string[], answers: string[], env: Record<string, string> = { CCRX_PASSPHRASE: KEYSTORE_PASSPHRASE }): Promise<TerminalRun> {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  let err = '';
  let shown = '';
  output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
  input.end(answers.map((answer) => `${answer}\n`).join(''));
  const stdin = new PassThrough() as unknown as NodeJS.ReadStream;
  const code = await runCli(args, {
    out: (data) => (out += typeof data === 'string' ? data : Buffer.from(data).toString()),
    err: (text) => (err += text),
    env,
    stdin,
    cwd: REPO_ROOT,
    terminal: { input, output },
  });
  return { code, out, err, shown };
}
