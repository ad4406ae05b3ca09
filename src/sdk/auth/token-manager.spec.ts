import { TokenManager } from './token-manager';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('TokenManager', () => {
  let now: number;
  const clock = () => now;
  beforeEach(() => (now = 1_000_000));

  it('shares one token request among concurrent callers (single-flight)', async () => {
    const pending = deferred<{ accessToken: string; expiresInSeconds: number }>();
    const obtain = jest.fn(() => pending.promise);
    const tokens = new TokenManager(obtain, clock);
    const callers = Array.from({ length: 10 }, () => tokens.accessToken());
    pending.resolve({ accessToken: 'tok-1', expiresInSeconds: 900 });
    expect(await Promise.all(callers)).toEqual(Array(10).fill('tok-1'));
    expect(obtain).toHaveBeenCalledTimes(1);
  });

  it('reuses the token until 60 s before it expires, then renews', async () => {
    let n = 0;
    const tokens = new TokenManager(() => Promise.resolve({ accessToken: `tok-${++n}`, expiresInSeconds: 900 }), clock);
    expect(await tokens.accessToken()).toBe('tok-1');
    now += 839_000;
    expect(await tokens.accessToken()).toBe('tok-1');
    now += 1_000; // 840 s = 900 - 60
    expect(await tokens.accessToken()).toBe('tok-2');
  });

  it('renews short-lived tokens at half-life instead of on every call', async () => {
    let n = 0;
    const tokens = new TokenManager(() => Promise.resolve({ accessToken: `tok-${++n}`, expiresInSeconds: 30 }), clock);
    await tokens.accessToken();
    now += 14_000;
    expect(await tokens.accessToken()).toBe('tok-1');
    now += 1_000;
    expect(await tokens.accessToken()).toBe('tok-2');
  });

  it('shares a failure with every waiting caller, and tries again on the next call', async () => {
    const obtain = jest.fn().mockRejectedValueOnce(new Error('refused')).mockResolvedValueOnce({ accessToken: 'tok-2', expiresInSeconds: 900 });
    const tokens = new TokenManager(obtain, clock);
    const results = await Promise.allSettled([tokens.accessToken(), tokens.accessToken()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await tokens.accessToken()).toBe('tok-2');
    expect(obtain).toHaveBeenCalledTimes(2);
  });

  it('drops a token the API rejected, but not a newer one', async () => {
    let n = 0;
    const tokens = new TokenManager(() => Promise.resolve({ accessToken: `tok-${++n}`, expiresInSeconds: 900 }), clock);
    expect(await tokens.authorization()).toBe('Bearer tok-1');
    tokens.rejected({ Authorization: 'Bearer tok-0' });
    expect(await tokens.accessToken()).toBe('tok-1');
    tokens.rejected({ Authorization: 'Bearer tok-1' });
    expect(await tokens.accessToken()).toBe('tok-2');
  });

  it('never prints the token', async () => {
    const tokens = new TokenManager(() => Promise.resolve({ accessToken: 'very-secret-token', expiresInSeconds: 900 }), clock);
    await tokens.accessToken();
    const { inspect } = await import('node:util');
    expect(JSON.stringify(tokens) + inspect(tokens)).not.toContain('very-secret-token');
  });
});
