import { DataFolderInUseError, EmbeddedPortInUseError, EmbeddedPostgresStartError, startFailureFrom } from './embedded-postgres.errors';

/** PostgreSQL's own words for each failure, as it writes them to stderr. */
describe('why the embedded PostgreSQL did not start', () => {
  it('names the data folder and the PID holding it when postmaster.pid is locked', () => {
    const output = 'FATAL:  lock file "postmaster.pid" already exists\nHINT:  Is another postmaster (PID 4242) running in data directory "/srv/ccr/postgres"?';
    const failure = startFailureFrom(output, '/srv/ccr', 54329);
    expect(failure).toBeInstanceOf(DataFolderInUseError);
    expect(failure.message).toBe(
      'the data folder /srv/ccr is in use by another PostgreSQL (PID 4242), probably another instance of this service: stop that instance, or set DATA_DIR to another folder',
    );
  });

  it('names the port when another cluster holds its socket lock', () => {
    const output = 'FATAL:  lock file "/tmp/.s.PGSQL.54329.lock" already exists\nHINT:  Is another postmaster (PID 17) using socket file "/tmp/.s.PGSQL.54329"?';
    const failure = startFailureFrom(output, '/srv/ccr', 54329);
    expect(failure).toBeInstanceOf(EmbeddedPortInUseError);
    expect(failure.message).toContain('cannot listen on 127.0.0.1:54329');
    expect(failure.message).toContain('set EMBEDDED_POSTGRES_PORT to a free port');
  });

  it('names the port when the bind fails', () => {
    const output = [
      'LOG:  could not bind IPv4 address "127.0.0.1": Address already in use',
      'HINT:  Is another postmaster already running on port 54329? If not, wait a few seconds and retry.',
      'WARNING:  could not create listen socket for "127.0.0.1"',
      'FATAL:  could not create any TCP/IP sockets',
    ].join('\n');
    expect(startFailureFrom(output, '/srv/ccr', 54329)).toBeInstanceOf(EmbeddedPortInUseError);
  });

  it('otherwise quotes PostgreSQL\'s last fatal line', () => {
    const failure = startFailureFrom('LOG:  starting\nFATAL:  data directory "/srv/ccr/postgres" has invalid permissions', '/srv/ccr', 54329);
    expect(failure.constructor).toBe(EmbeddedPostgresStartError);
    expect(failure.message).toBe(
      'the embedded PostgreSQL in /srv/ccr did not start: FATAL:  data directory "/srv/ccr/postgres" has invalid permissions; run with LOG_LEVEL=debug to see its output',
    );
  });
});
