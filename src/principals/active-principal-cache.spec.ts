import { ActivePrincipalCache } from './active-principal-cache';

describe('ActivePrincipalCache', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => (clock = 1_000));

  const counting = (value: string | null) => {
    const load = jest.fn(() => Promise.resolve(value));
    return load;
  };

  it('answers a principal read less than the bound ago from memory, and reads it again after', async () => {
    const cache = new ActivePrincipalCache<string>(500, now);
    const load = counting('alice');
    expect(await cache.resolve('a', load)).toBe('alice');
    clock += 499;
    expect(await cache.resolve('a', load)).toBe('alice');
    expect(load).toHaveBeenCalledTimes(1);
    clock += 1;
    expect(await cache.resolve('a', load)).toBe('alice');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('counts the bound from before the read, so a slow read is not trusted longer', async () => {
    const cache = new ActivePrincipalCache<string>(500, now);
    await cache.resolve('a', () => {
      clock += 400; // the database took 400 ms to answer
      return Promise.resolve('alice');
    });
    clock += 100;
    const load = counting('alice');
    await cache.resolve('a', load);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('never keeps a refusal: an inactive principal is asked of the database every time', async () => {
    const cache = new ActivePrincipalCache<string>(500, now);
    const refused = counting(null);
    expect(await cache.resolve('a', refused)).toBeNull();
    expect(await cache.resolve('a', refused)).toBeNull();
    expect(refused).toHaveBeenCalledTimes(2);
    const enabled = counting('alice');
    expect(await cache.resolve('a', enabled)).toBe('alice');
  });

  it('drops what it holds when the database says no more', async () => {
    const cache = new ActivePrincipalCache<string>(500, now);
    await cache.resolve('a', counting('alice'));
    clock += 600;
    expect(await cache.resolve('a', counting(null))).toBeNull();
    expect(await cache.resolve('a', counting(null))).toBeNull();
  });

  it('forgets everything on invalidate(), and does not keep a read that began before it', async () => {
    const cache = new ActivePrincipalCache<string>(500, now);
    await cache.resolve('a', counting('alice'));
    cache.invalidate();
    const again = counting('alice');
    await cache.resolve('a', again);
    expect(again).toHaveBeenCalledTimes(1);

    let release: (value: string) => void = () => undefined;
    const slow = cache.resolve('b', () => new Promise<string>((resolve) => (release = resolve)));
    cache.invalidate(); // a status changed while the read was in flight
    release('bob (as read before the change)');
    expect(await slow).toBe('bob (as read before the change)');
    const after = counting(null);
    expect(await cache.resolve('b', after)).toBeNull();
    expect(after).toHaveBeenCalledTimes(1);
  });

  it('holds at most its limit of principals, dropping the oldest', async () => {
    const cache = new ActivePrincipalCache<string>(500, now, 2);
    for (const key of ['a', 'b', 'c']) await cache.resolve(key, counting(key));
    const a = counting('a');
    const c = counting('c');
    await cache.resolve('c', c);
    await cache.resolve('a', a);
    expect({ a: a.mock.calls.length, c: c.mock.calls.length }).toEqual({ a: 1, c: 0 });
  });

  it('keeps nothing with a bound of zero', async () => {
    const cache = new ActivePrincipalCache<string>(0, now);
    const load = counting('alice');
    await cache.resolve('a', load);
    await cache.resolve('a', load);
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe('ActivePrincipalCache, requests that miss at once', () => {
  it('sends one read for all the requests that miss while it is under way', async () => {
    const cache = new ActivePrincipalCache<string>(500, () => 0);
    let release: (value: string) => void = () => undefined;
    const load = jest.fn(() => new Promise<string>((resolve) => (release = resolve)));
    const answers = Promise.all([cache.resolve('a', load), cache.resolve('a', load), cache.resolve('a', load)]);
    release('alice');
    expect(await answers).toEqual(['alice', 'alice', 'alice']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('lets a request after an invalidation read anew instead of joining a read begun before it', async () => {
    const cache = new ActivePrincipalCache<string | null>(500, () => 0);
    let release: (value: string) => void = () => undefined;
    const before = cache.resolve('a', () => new Promise<string>((resolve) => (release = resolve)));
    cache.invalidate(); // disabled while that read was under way
    const after = jest.fn(() => Promise.resolve(null));
    expect(await cache.resolve('a', after)).toBeNull();
    expect(after).toHaveBeenCalledTimes(1);
    release('alice (as read before)');
    await before;
    expect(await cache.resolve('a', after)).toBeNull();
    expect(after).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failed read: the next request asks again', async () => {
    const cache = new ActivePrincipalCache<string>(500, () => 0);
    await expect(cache.resolve('a', () => Promise.reject(new Error('database away')))).rejects.toThrow('database away');
    const load = jest.fn(() => Promise.resolve('alice'));
    expect(await cache.resolve('a', load)).toBe('alice');
    expect(load).toHaveBeenCalledTimes(1);
  });
});
