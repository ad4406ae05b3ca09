import { EnvelopeError } from '../crypto';
import { EnvelopeRejectedError } from '../records/records.errors';
import { refusingAsProblem } from './envelope-refusals';

async function refusal(prefix: 'envelope' | 'share', error: Error): Promise<EnvelopeRejectedError> {
  try {
    await refusingAsProblem(prefix, () => Promise.reject(error));
  } catch (caught) {
    if (caught instanceof EnvelopeRejectedError) return caught;
    throw caught;
  }
  throw new Error('not refused');
}

describe('envelope refusals as problems', () => {
  it.each([
    ['envelope', 'unsupported_version', 'only version 1 is supported', 'envelope.v'],
    ['envelope', 'too_large', 'ciphertext exceeds 1024 bytes', 'envelope.ciphertext'],
    ['envelope', 'too_large', 'more than 4 wraps', 'envelope.wraps'],
    ['envelope', 'duplicate_recipient', 'an agency appears twice', 'envelope.wraps'],
    ['envelope', 'unknown_signing_key', 'no registered signing key', 'envelope.signerEpoch'],
    ['share', 'unknown_signing_key', 'no registered signing key', 'share.sharerEpoch'],
    ['share', 'bad_share_signature', "the sharer's signature does not verify", 'share.signature'],
    ['share', 'sharer_not_recipient', 'only an agency the author sealed for can share', 'share.sharerAgencyId'],
  ] as const)('%s %s → 422 naming %s', async (prefix, code, message, field) => {
    const problem = await refusal(prefix, new EnvelopeError(code, message));
    expect(problem.status).toBe(422);
    expect(problem.reason).toBe(code);
    expect(problem.detail).toBe(message);
    expect(problem.extensions.errors).toEqual([{ field, messages: [message] }]);
  });

  it('passes any other error through untouched', async () => {
    const bug = new TypeError('a bug');
    await expect(refusingAsProblem('envelope', () => Promise.reject(bug))).rejects.toBe(bug);
  });
});
