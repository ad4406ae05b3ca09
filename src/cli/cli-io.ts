/** What a command may touch of the outside world; main.ts binds it to the process, tests to buffers. */
export interface CliIo {
  out: (data: string | Uint8Array) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadStream;
  cwd: string;
  /** Present only when a person is at a terminal (stdin and stdout both TTYs): where to ask questions. */
  terminal?: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };
}

export function processIo(): CliIo {
  const atTerminal = process.stdin.isTTY === true && process.stdout.isTTY === true;
  return {
    out: (data) => process.stdout.write(data),
    err: (text) => process.stderr.write(text),
    env: process.env,
    stdin: process.stdin,
    cwd: process.cwd(),
    terminal: atTerminal ? { input: process.stdin, output: process.stderr } : undefined,
  };
}
