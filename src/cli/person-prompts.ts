import { CcrUsageError } from '../sdk';
import type { CliContext } from './cli-context';
import { linePrompter, type Prompter } from './line-prompt';
import { promptHidden } from './passphrase-prompt';

/** The person's own secret (OPAQUE: it never leaves this machine); the new one for enrol and passwd; a current TOTP code. */
export const SECRET_ENV = 'CCRX_SECRET';
export const NEW_SECRET_ENV = 'CCRX_NEW_SECRET';
const TOTP_ENV = 'CCRX_TOTP';

export async function secret(context: CliContext, question: string, variable: string): Promise<string> {
  const fromEnvironment = context.io.env[variable];
  if (fromEnvironment) return fromEnvironment;
  if (!context.io.stdin.isTTY) throw new CcrUsageError(`no secret: set ${variable} or run ccrx in a terminal`);
  return promptHidden(question, context.io.stdin, context.io.err);
}

/** CCRX_TOTP (good for one sign-in), else one line from the terminal or stdin. */
export async function totpCode(context: CliContext, question: string): Promise<string> {
  const fromEnvironment = context.io.env[TOTP_ENV];
  if (fromEnvironment) {
    delete context.io.env[TOTP_ENV]; // a step's code is accepted once: the next question asks
    return fromEnvironment;
  }
  return promptOf(context).ask(question);
}

/** One line reader per run: lines typed (or piped) ahead stay buffered for the next question. */
const PROMPTERS = new WeakMap<CliContext, Prompter>();

function promptOf(context: CliContext): Prompter {
  let prompter = PROMPTERS.get(context);
  if (!prompter) {
    const output = context.io.terminal?.output ?? ({ write: (text: string) => (context.io.err(text), true) } as unknown as NodeJS.WritableStream);
    prompter = linePrompter(context.io.terminal?.input ?? context.io.stdin, output);
    PROMPTERS.set(context, prompter);
  }
  return prompter;
}

/** Lets the process end: an open line reader would keep stdin alive. */
export function closePrompter(context: CliContext): void {
  PROMPTERS.get(context)?.close();
  PROMPTERS.delete(context);
}
