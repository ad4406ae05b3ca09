import { Writable } from 'node:stream';
import { DatabaseError } from 'pg';
import pino from 'pino';
import { QueryFailedError } from 'typeorm';
import { serializeError } from './error-serializer';

const MARKER = 'survivor-marker-4c1e';

function postgresError(): DatabaseError {
  // As pg builds it from PostgreSQL's ErrorResponse: the message and detail quote the value.
  const error = new DatabaseError(`invalid input syntax for type uuid: "${MARKER}"`, 120, 'error');
  Object.assign(error, { severity: 'ERROR', code: '22P02', detail: `Key (id)=(${MARKER})`, where: `parameter $1 = '${MARKER}'`, routine: 'string_to_uuid' });
  return error;
}

function logged(error: unknown): string {
  let text = '';
  const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => ((text += chunk.toString()), done()) });
  pino({ serializers: { err: serializeError } }, sink).error({ err: error }, 'unhandled error');
  return text;
}

describe('serializeError', () => {
  it('logs a failed query by SQLSTATE, names and statement, never its parameters, message or detail', () => {
    const error = new QueryFailedError('SELECT * FROM cases WHERE id = $1', [MARKER], postgresError());
    const line = logged(error);
    expect(line).not.toContain(MARKER);
    expect(JSON.parse(line).err).toMatchObject({ type: 'QueryFailedError', sqlState: '22P02', routine: 'string_to_uuid', statement: 'SELECT * FROM cases WHERE id = $1' });
  });

  it('applies the same rules to a bare pg error and to one found as a cause', () => {
    expect(logged(postgresError())).not.toContain(MARKER);
    const wrapped = new Error('the transaction failed', { cause: postgresError() });
    const line = logged(wrapped);
    expect(line).not.toContain(MARKER);
    expect(JSON.parse(line).err).toMatchObject({ message: 'the transaction failed', cause: { sqlState: '22P02' } });
  });

  it('keeps the message and stack of other errors, without members that can hold request data', () => {
    const error = Object.assign(new TypeError('boom'), { body: MARKER, parameters: [MARKER], code: 'E_BOOM' });
    const serialized = JSON.parse(logged(error)).err;
    expect(serialized).toMatchObject({ type: 'TypeError', message: 'boom', code: 'E_BOOM', stack: expect.stringContaining('TypeError: boom') });
    expect(JSON.stringify(serialized)).not.toContain(MARKER);
  });
});
