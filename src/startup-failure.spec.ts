import { type AppConfig } from './config/config.types';
import { DataFolderInUseError } from './database/embedded-postgres.errors';
import { explainStartupFailure } from './startup-failure';

const config = { http: { host: '127.0.0.1', port: 3000 }, database: { url: 'postgres://ccr@db.internal:5432/ccr' } } as unknown as AppConfig;

function systemError(code: string, syscall: string): Error {
  return Object.assign(new Error(`${syscall} ${code}`), { code, syscall });
}

describe('the start-up failure line', () => {
  it('passes on what the embedded PostgreSQL said, without the stack', () => {
    expect(explainStartupFailure(new DataFolderInUseError('./.data', 12), config)).toEqual({
      message: 'start-up failed: the data folder ./.data is in use by another PostgreSQL (PID 12), probably another instance of this service: stop that instance, or set DATA_DIR to another folder',
      logError: false,
    });
  });

  it('says which HTTP port is taken and which variable to set', () => {
    expect(explainStartupFailure(systemError('EADDRINUSE', 'listen'), config)).toEqual({
      message: 'start-up failed: cannot listen on 127.0.0.1:3000: the port is in use (another instance of this service?): stop it, or set PORT to a free port',
      logError: false,
    });
  });

  it('says that DATABASE_URL cannot be reached, without repeating the URL', () => {
    const { message } = explainStartupFailure(systemError('ECONNREFUSED', 'connect'), config);
    expect(message).toBe("start-up failed: cannot reach the PostgreSQL named by DATABASE_URL (ECONNREFUSED): check that it runs and that the URL's host and port are right");
  });

  it('names anything else by its message and keeps the error for its stack', () => {
    expect(explainStartupFailure(new Error('relation "x" does not exist'), config)).toEqual({ message: 'start-up failed: relation "x" does not exist', logError: true });
  });
});
