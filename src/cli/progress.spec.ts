import type { CliIo } from './cli-io';
import { progressLine } from './progress';

function io(stderrIsTTY: boolean): { io: CliIo; written: string[] } {
  const written: string[] = [];
  return { io: { out: () => undefined, err: (text) => void written.push(text), env: {}, stdin: process.stdin, cwd: '/', stderrIsTTY }, written };
}

describe('progressLine', () => {
  it('draws progress on a terminal, the last count always, and ends the line', () => {
    const terminal = io(true);
    const progress = progressLine(terminal.io, 'verifying the log');
    progress.update(1, 20_000);
    progress.update(2, 20_000); // within 200 ms of the last drawing: skipped
    progress.update(20_000, 20_000);
    progress.done();
    expect(terminal.written).toEqual(['\rverifying the log: 1 of 20,000 entries (0%)', '\rverifying the log: 20,000 of 20,000 entries (100%)', '\n']);
  });

  it('writes nothing when stderr is not a terminal', () => {
    const pipe = io(false);
    const progress = progressLine(pipe.io, 'exporting the log');
    progress.update(5, 5);
    progress.done();
    expect(pipe.written).toEqual([]);
  });
});
