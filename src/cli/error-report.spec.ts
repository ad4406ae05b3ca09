import { CommanderError } from 'commander';
import { CcrApiError, CcrAuthError, CcrNetworkError, CcrUsageError, EnvelopeError, KeyNotAvailable, KeyPinViolation, KeystoreError, KeystoreFileError, KeystoreOutOfDate } from '../sdk';
import { reportError } from './error-report';
import { EXIT } from './exit-codes';

const api = (status: number) => new CcrApiError({ status, type: 'urn:ccr-exchange:problem:x', title: 'T', detail: 'd', requestId: 'r-1' });

describe('reportError', () => {
  it.each([
    ['a commander usage error', new CommanderError(1, 'commander.missingMandatoryOptionValue', "error: required option '--agency <id>' not specified"), EXIT.usage],
    ['an SDK usage error', new CcrUsageError('bad'), EXIT.usage],
    ['a refused token request', new CcrAuthError(401, 'invalid_client', 'no', 'r'), EXIT.authentication],
    ['a 401 from the API', api(401), EXIT.authentication],
    ['a wrong keystore passphrase', new KeystoreError('wrong_passphrase', 'x'), EXIT.authentication],
    ['a 404', api(404), EXIT.notFound],
    ['a missing keystore', new KeystoreFileError('not_found', '/k.json', 'no keystore'), EXIT.notFound],
    ['unpinned keys', new KeyNotAvailable('a', null, 'not pinned'), EXIT.notFound],
    ['a 409', api(409), EXIT.refused],
    ['a 422', api(422), EXIT.refused],
    ['a 429', api(429), EXIT.refused],
    ['an existing keystore', new KeystoreFileError('exists', '/k.json', 'exists'), EXIT.refused],
    ['a keystore out of date', new KeystoreOutOfDate('a', 1, 2), EXIT.refused],
    ['a key pin violation', new KeyPinViolation('a', 'key_substituted', 1, 'd', 'fp1', 'fp2'), EXIT.verification],
    ['a refused record', new EnvelopeError('bad_signature', 'x'), EXIT.verification],
    ['a damaged keystore', new KeystoreError('contents_invalid', 'x'), EXIT.verification],
    ['an unreachable API', new CcrNetworkError('GET', '/x', 'r', 4, 'unreachable'), EXIT.unreachable],
    ['a 500', api(500), EXIT.failure],
    ['anything else', new Error('boom with internals'), EXIT.failure],
  ])('maps %s to its exit code', (_name, error, exitCode) => {
    expect(reportError(error).exitCode).toBe(exitCode);
  });

  it('never repeats the message of an unexpected error (it may carry internals)', () => {
    expect(reportError(new Error('connection string postgres://user:pw@db')).message).not.toContain('pw@db');
  });

  it('says the service is away, and when to try again, on a 503', () => {
    const unavailable = new CcrApiError({ status: 503, type: 'urn:ccr-exchange:problem:database-unavailable', title: 'Database unavailable', detail: 'd', requestId: 'r-2' }, 2);
    expect(reportError(unavailable)).toMatchObject({ exitCode: EXIT.unreachable, hint: expect.stringContaining('try again in 2 s') });
  });

  it('tells a person what to do about a pin violation, with both fingerprints', () => {
    const report = reportError(new KeyPinViolation('agency-1', 'key_substituted', 2, 'other keys', 'fp-pinned', 'fp-presented'));
    expect(report.message).toContain('REFUSED');
    expect(report.hint).toContain('compare fingerprints');
    expect(report.details).toMatchObject({ pinnedFingerprint: 'fp-pinned', presentedFingerprint: 'fp-presented', reason: 'key_substituted' });
  });

  it("gives a person's failed sign-in a person's hint, and a service account's the client-assertion hint", () => {
    const refused = new CcrAuthError(401, 'invalid_grant', 'no', 'r');
    const person = reportError(refused, { kind: 'person', username: 'advocate.kim' });
    expect(person.hint).toContain('advocate.kim');
    expect(person.hint).toContain('CCRX_SECRET');
    expect(person.hint).not.toContain('client');
    const byPassword = reportError(refused, { kind: 'person', username: 'advocate.kim', byPassword: true });
    expect(byPassword.hint).toContain('the password (CCRX_PASSWORD)');
    expect(byPassword.hint).not.toContain('CCRX_SECRET');
    const service = reportError(new CcrAuthError(401, 'invalid_client', 'no', 'r'), { kind: 'service' });
    expect(service.hint).toContain('client assertion');
    expect(service.hint).not.toContain('CCRX_PASSWORD');
  });
});
