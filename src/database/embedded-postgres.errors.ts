/**
 * Why the embedded PostgreSQL did not start, in words an operator can act on. The message is the
 * whole story (what happened, what to do); the service logs it as its one fatal line.
 */
export class EmbeddedPostgresStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Another PostgreSQL — most often another `npm start` — already runs on this data folder. */
export class DataFolderInUseError extends EmbeddedPostgresStartError {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number | null,
  ) {
    super(
      `the data folder ${dataDir} is in use by another PostgreSQL${holderPid ? ` (PID ${holderPid})` : ''}, probably another instance of this service: ` +
        'stop that instance, or set DATA_DIR to another folder',
    );
  }
}

/** Something else listens on the embedded PostgreSQL's port (or another cluster holds its socket). */
export class EmbeddedPortInUseError extends EmbeddedPostgresStartError {
  constructor(readonly port: number) {
    super(
      `the embedded PostgreSQL cannot listen on 127.0.0.1:${port}: the port is in use (another instance of this service?): ` +
        'stop whatever holds it, or set EMBEDDED_POSTGRES_PORT to a free port',
    );
  }
}

/**
 * Reads PostgreSQL's own last words. The data folder's `postmaster.pid` lock names the data
 * folder; the socket lock (`/tmp/.s.PGSQL.<port>.lock`) and a failed bind name the port.
 */
export function startFailureFrom(postgresOutput: string, dataDir: string, port: number): EmbeddedPostgresStartError {
  const lock = /lock file "([^"]+)" already exists[\s\S]*?PID (\d+)/.exec(postgresOutput) ?? /lock file "([^"]+)" already exists/.exec(postgresOutput);
  if (lock) {
    const pid = lock[2] ? Number(lock[2]) : null;
    return lock[1].includes('.s.PGSQL.') ? new EmbeddedPortInUseError(port) : new DataFolderInUseError(dataDir, pid);
  }
  if (/could not bind|Address already in use|could not create any TCP\/IP sockets/i.test(postgresOutput)) return new EmbeddedPortInUseError(port);
  const last = postgresOutput
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /FATAL|PANIC|ERROR/.test(line))
    .at(-1);
  return new EmbeddedPostgresStartError(`the embedded PostgreSQL in ${dataDir} did not start${last ? `: ${last}` : ''}; run with LOG_LEVEL=debug to see its output`);
}
