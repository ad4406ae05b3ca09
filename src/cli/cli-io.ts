/** What a command may touch of the outside world; main.ts binds it to the process, tests to buffers. */
export interface CliIo {
  out: (data: string | Uint8Array) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadStream;
  cwd: string;
}

export function processIo(): CliIo {
  return {
    out: (data) => process.stdout.write(data),
    err: (text) => process.stderr.write(text),
    env: process.env,
    stdin: process.stdin,
    cwd: process.cwd(),
  };
}
