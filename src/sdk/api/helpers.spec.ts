import { utf8 } from '../../crypto';
import { CcrApiError, CcrUsageError } from '../errors';
import { errorFromResponse } from '../http/error-mapping';
import { allItems, collect } from './paging';
import { jsonBytes, openedJson, openedText, textBytes } from './plaintext';
import { isConflict, isIllegalTransition, isNotCovered, isNotFound, isVersionConflict, isWrongSide, problemSlug } from './problems';
import { ReferralStatusRefused, statusRefusal } from './referral-errors';
import { sendRepeatable } from './repeat-recovery';

const problem = (status: number, slug: string, extensions: Record<string, unknown> = {}) =>
  new CcrApiError({ status, type: `urn:ccr-exchange:problem:${slug}`, title: 't', detail: 'd', requestId: 'r', extensions });

describe('paging', () => {
  it('follows cursors to the last page, and stops on a repeated cursor', async () => {
    const pages: Record<string, { items: number[]; nextCursor: string | null }> = { start: { items: [1, 2], nextCursor: 'b' }, b: { items: [3], nextCursor: null } };
    await expect(collect(allItems((cursor) => Promise.resolve(pages[cursor ?? 'start'])))).resolves.toEqual([1, 2, 3]);
    let calls = 0;
    const looping = allItems(() => Promise.resolve({ items: [calls++], nextCursor: 'same' }));
    await expect(collect(looping)).resolves.toEqual([0, 1]);
  });
});

describe('plaintext', () => {
  it('seals JSON objects and UTF-8 text only, and wipes opened bodies', async () => {
    expect(() => jsonBytes([] as never, 'the profile')).toThrow(CcrUsageError);
    expect(() => textBytes(new Uint8Array([0xff, 0xfe]), 'the note')).toThrow('UTF-8');
    const body = jsonBytes({ name: 'x' }, 'the profile');
    await expect(openedJson(body, 'r')).resolves.toEqual({ name: 'x' });
    expect(body.every((byte) => byte === 0)).toBe(true);
    const text = utf8('plan');
    await expect(openedText(text, 'r')).resolves.toBe('plan');
    expect(text.every((byte) => byte === 0)).toBe(true);
    await expect(openedJson(utf8('not json'), 'r')).rejects.toThrow('should hold JSON');
  });
});

describe('problem helpers', () => {
  it('read slugs and extension members callers branch on', () => {
    const notCovered = problem(422, 'wrap-not-covered', { reason: 'category_not_covered', recipientAgencyId: 'a' });
    expect(problemSlug(notCovered)).toBe('wrap-not-covered');
    expect(isNotCovered(notCovered)).toEqual({ reason: 'category_not_covered', recipientAgencyId: 'a' });
    expect(isNotCovered(problem(422, 'validation-failed'))).toBeUndefined();
    expect(isConflict(problem(409, 'consent-exists'), 'consent-exists')).toBe(true);
    expect(isConflict(problem(409, 'consent-exists'), 'note-exists')).toBe(false);
    expect(isNotFound(problem(404, 'not-found'))).toBe(true);
    expect(isVersionConflict(problem(409, 'referral-version-conflict', { currentVersion: 4 }))).toEqual({ currentVersion: 4 });
    expect(isIllegalTransition(problem(409, 'illegal-transition', { from: 'requested', to: 'completed' }))).toEqual({ from: 'requested', to: 'completed' });
    expect(isWrongSide(problem(403, 'wrong-side'))).toBe(true);
    expect(problemSlug(new Error('x'))).toBeUndefined();
  });

  it('keeps scalar extension members of a problem, never objects or the standard members', () => {
    const body = { type: 'urn:ccr-exchange:problem:wrap-not-covered', title: 't', status: 422, detail: 'd', requestId: 'r', reason: 'consent_revoked', currentVersion: 2, nested: { a: 1 }, errors: [] };
    const error = errorFromResponse({ status: 422, contentType: 'application/problem+json', body, requestId: 'r' }) as CcrApiError;
    expect(error.extensions).toEqual({ reason: 'consent_revoked', currentVersion: 2 });
  });

  it('types a refused status change, keeping it a CcrApiError', () => {
    const stale = statusRefusal(problem(409, 'referral-version-conflict', { currentVersion: 3 }));
    expect(stale).toBeInstanceOf(ReferralStatusRefused);
    expect(stale).toBeInstanceOf(CcrApiError);
    expect(stale).toMatchObject({ refusal: 'version_conflict', currentVersion: 3, status: 409 });
    expect(statusRefusal(problem(403, 'wrong-side'))).toMatchObject({ refusal: 'wrong_side' });
    const other = problem(422, 'validation-failed');
    expect(statusRefusal(other)).toBe(other);
  });
});

describe('sendRepeatable', () => {
  it('turns the conflict of its own earlier attempt into the stored result, and nothing else', async () => {
    const conflict = problem(409, 'note-exists');
    await expect(sendRepeatable(() => Promise.reject(conflict), 'note-exists', () => Promise.resolve('stored'))).resolves.toBe('stored');
    await expect(sendRepeatable(() => Promise.reject(conflict), 'note-exists', () => Promise.resolve(undefined))).rejects.toBe(conflict);
    await expect(sendRepeatable(() => Promise.reject(conflict), 'case-exists', () => Promise.resolve('stored'))).rejects.toBe(conflict);
    await expect(sendRepeatable(() => Promise.resolve('sent'), 'note-exists', () => Promise.resolve('stored'))).resolves.toBe('sent');
  });
});
