import { createInterface } from 'node:readline';
import { CcrUsageError } from '../sdk';

/** Questions to a person at a terminal, one line each (prompts on stderr: stdout stays the command's output). */
export interface Prompter {
  ask(question: string): Promise<string>;
  say(text: string): void;
  close(): void;
}

/**
 * A prompter over a pair of streams: the terminal in ccrx, any streams in tests. Lines typed ahead
 * are kept for the next question (readline's async iterator buffers them); the end of input
 * cancels, with nothing sent.
 */
export function linePrompter(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Prompter {
  const reader = createInterface({ input, output, terminal: false });
  const lines = reader[Symbol.asyncIterator]();
  return {
    async ask(question) {
      output.write(question);
      const next = await lines.next();
      if (next.done === true) throw new CcrUsageError('cancelled: the input ended before every question was answered; nothing was signed or sent');
      return String(next.value).trim();
    },
    say(text) {
      output.write(`${text}\n`);
    },
    close() {
      reader.close();
    },
  };
}
