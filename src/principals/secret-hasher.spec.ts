import { generateSecret, SecretHasher } from './secret-hasher';

describe('SecretHasher', () => {
  const hasher = new SecretHasher();
  beforeAll(() => hasher.onModuleInit());

  it('stores Argon2id at 19 MiB and 2 passes, with the parameters in the hash', () => {
    expect(hasher.hash(generateSecret())).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('verifies the secret it hashed and nothing else', () => {
    const secret = generateSecret();
    const hash = hasher.hash(secret);
    expect(hasher.verify(secret, hash)).toBe(true);
    expect(hasher.verify(generateSecret(), hash)).toBe(false);
    expect(hasher.verify(secret, 'not a hash')).toBe(false);
  });

  it('answers false for a missing hash (an unknown user) after the same work', () => {
    expect(hasher.verify(generateSecret(), null)).toBe(false);
    expect(hasher.verify(generateSecret(), undefined)).toBe(false);
  });
});
