import { PassThrough } from 'node:stream';
import { CcrUsageError } from '../sdk';
import { promptHidden } from './passphrase-prompt';

/** A stand-in terminal: raw mode is recorded, keystrokes are written by the test. */
function fakeTerminal(isTTY = true) {
  const stream = new PassThrough() as PassThrough & { isTTY: boolean; setRawMode: (on: boolean) => void; rawModes: boolean[] };
  stream.isTTY = isTTY;
  stream.rawModes = [];
  stream.setRawMode = (on: boolean) => void stream.rawModes.push(on);
  return stream;
}

describe('promptHidden', () => {
  it('reads a line in raw mode without echoing it, honouring backspace', async () => {
    const terminal = fakeTerminal();
    const written: string[] = [];
    const answer = promptHidden('Passphrase: ', terminal as unknown as NodeJS.ReadStream, (text) => written.push(text));
    terminal.write('secreX\u007ft phrase\r');
    await expect(answer).resolves.toBe('secret phrase');
    expect(written.join('')).toBe('Passphrase: \n');
    expect(terminal.rawModes).toEqual([true, false]);
  });

  it('cancels on Ctrl-C and restores the terminal', async () => {
    const terminal = fakeTerminal();
    const answer = promptHidden('Passphrase: ', terminal as unknown as NodeJS.ReadStream, () => undefined);
    terminal.write('abc\u0003');
    await expect(answer).rejects.toBeInstanceOf(CcrUsageError);
    expect(terminal.rawModes).toEqual([true, false]);
  });

  it('refuses to read a passphrase from something that is not a terminal', async () => {
    await expect(promptHidden('Passphrase: ', fakeTerminal(false) as unknown as NodeJS.ReadStream, () => undefined)).rejects.toThrow('no terminal');
  });
});
