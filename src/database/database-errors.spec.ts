import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-errors';

function pgError(code: string, message = 'x', severity = 'ERROR'): DatabaseError {
  return Object.assign(new DatabaseError(message, 0, 'error'), { code, severity });
}
const errno = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['admin shutdown (57P01), as TypeORM wraps it', new QueryFailedError('SELECT 1', [], pgError('57P01', 'terminating connection due to administrator command'))],
    ['the database starting up (57P03)', pgError('57P03', 'the database system is starting up')],
    ['a connection exception (08006)', pgError('08006')],
    ['too many connections (53300)', pgError('53300')],
    ['any FATAL error, e.g. connections not allowed (55000)', pgError('55000', 'database "ccr" is not currently accepting connections', 'FATAL')],
    ['a refused connection', errno('ECONNREFUSED')],
    ['a refused connection to every address (AggregateError)', Object.assign(new AggregateError([errno('ECONNREFUSED'), errno('ECONNREFUSED')]), { code: 'ECONNREFUSED' })],
    ['a connection lost mid-query', new QueryFailedError('COMMIT', [], new Error('Connection terminated unexpectedly'))],
    ['the pool waiting in vain', new Error('timeout exceeded when trying to connect')],
    ['a lost connection as a cause', new Error('could not begin', { cause: errno('ECONNRESET') })],
  ])('is true for %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], pgError('23505'))],
    ['a statement timeout', new QueryFailedError('SELECT', [], pgError('57014'))],
    ['invalid text (22P02)', pgError('22P02')],
    ['a bug', new TypeError("Cannot read properties of null (reading 'length')")],
    ['not an error', 'ECONNREFUSED'],
  ])('is false for %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
