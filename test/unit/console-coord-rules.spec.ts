import { coordScreens, fingerprintGroups, isMember, type Member, newSecretProblem, personFormProblem, rolesFor, sameFingerprint } from '../../console/src/api/coord-rules';

function member(overrides: Partial<Member> = {}): Member {
  return {
    personId: 'p1',
    username: 'advocate.newt',
    displayName: 'Newt Okafor',
    signPublicKey: 's',
    boxPublicKey: 'b',
    fingerprint: '0a1b-2c3d-4e5f-6071-8293-a4b5-c6d7-e8f9',
    latestWrap: null,
    ...overrides,
  };
}

describe('the coordinator screens’ rules', () => {
  it('offers the coordinating body’s roles to its people and the member agencies’ to theirs', () => {
    expect(rolesFor({ coordinatingBody: true })).toEqual(['auditor', 'admin']);
    expect(rolesFor({ coordinatingBody: false })).toEqual(['advocate', 'agency_worker']);
  });

  it('checks a new person as the server would', () => {
    const good = { username: 'advocate.newt', displayName: 'Newt', roles: ['advocate'] };
    expect(personFormProblem(good)).toBeNull();
    expect(personFormProblem({ ...good, username: 'Newt' })).toBe('username');
    expect(personFormProblem({ ...good, username: 'ab' })).toBe('username');
    expect(personFormProblem({ ...good, username: '.newt' })).toBe('username');
    expect(personFormProblem({ ...good, displayName: '   ' })).toBe('displayName');
    expect(personFormProblem({ ...good, displayName: 'x'.repeat(201) })).toBe('displayName');
    expect(personFormProblem({ ...good, roles: [] })).toBe('roles');
  });

  it('counts as a member only someone holding a wrap', () => {
    expect(isMember(member())).toBe(false);
    expect(isMember(member({ latestWrap: { agencyId: 'a', epoch: 1, wrap: 'w', signature: 's' } }))).toBe(true);
  });

  it('compares fingerprints by their hex digits only, and never an empty one', () => {
    const shown = '0a1b-2c3d-4e5f-6071-8293-a4b5-c6d7-e8f9';
    expect(sameFingerprint(shown, '0A1B 2C3D 4E5F 6071 8293 A4B5 C6D7 E8F9')).toBe(true);
    expect(sameFingerprint(shown, '0a1b2c3d4e5f60718293a4b5c6d7e8f9')).toBe(true);
    expect(sameFingerprint(shown, '0a1b-2c3d-4e5f-6071-8293-a4b5-c6d7-e8f8')).toBe(false);
    expect(sameFingerprint(shown, '0a1b-2c3d')).toBe(false);
    expect(sameFingerprint('', '')).toBe(false);
    expect(sameFingerprint('----', 'zz')).toBe(false);
  });

  it('shows a fingerprint in groups of four to read aloud', () => {
    expect(fingerprintGroups('0A1B-2C3D-4e5f')).toEqual(['0a1b', '2c3d', '4e5f']);
    expect(fingerprintGroups('')).toEqual([]);
  });

  it('asks a new secret long enough, typed twice, and a six-digit code', () => {
    const good = { next: 'correct horse battery staple', again: 'correct horse battery staple', code: '123456' };
    expect(newSecretProblem(good)).toBeNull();
    expect(newSecretProblem({ ...good, code: ' 123456 ' })).toBeNull();
    expect(newSecretProblem({ ...good, next: 'short', again: 'short' })).toBe('too-short');
    expect(newSecretProblem({ ...good, again: 'correct horse battery stapler' })).toBe('mismatch');
    expect(newSecretProblem({ ...good, code: '12345' })).toBe('code');
    expect(newSecretProblem({ ...good, code: 'abcdef' })).toBe('code');
  });

  it('gives administrators the people screen, members the membership screens, and everyone the change of secret', () => {
    expect(coordScreens(['admin'])).toEqual(['people', 'secret']);
    expect(coordScreens(['advocate'])).toEqual(['members', 'mykeys', 'secret']);
    expect(coordScreens(['agency_worker'])).toEqual(['members', 'mykeys', 'secret']);
    expect(coordScreens(['auditor'])).toEqual(['secret']);
  });
});
