import { CcrUsageError } from '../sdk';

const ENTER = new Set(['\r', '\n', '\u0004']);
const CTRL_C = '\u0003';
const BACKSPACE = new Set(['\u007f', '\b']);

/**
 * Reads a line from the terminal without echoing it. Only for a TTY: a passphrase is never read
 * from a pipe here (scripts use CCRX_PASSPHRASE or CCRX_PASSPHRASE_FILE).
 */
export function promptHidden(question: string, input: NodeJS.ReadStream, write: (text: string) => void): Promise<string> {
  if (!input.isTTY) return Promise.reject(new CcrUsageError('no terminal to ask for the passphrase'));
  write(question);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let typed: string[] = [];
    const finish = (outcome: () => void) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      write('\n');
      outcome();
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (ENTER.has(character)) return finish(() => resolve(typed.join('')));
        if (character === CTRL_C) return finish(() => reject(new CcrUsageError('cancelled')));
        typed = BACKSPACE.has(character) ? typed.slice(0, -1) : [...typed, character];
      }
    };
    input.on('data', onData);
  });
}
