import { sweepTime, SweepTimeRefusedError } from './sweep-time';

describe('the time an operator sweep acts at', () => {
  const now = new Date('2026-12-04T16:00:00Z');

  it('is now when no --as-of is given, in production too', () => {
    expect(sweepTime(undefined, 'production', now)).toBe(now);
    expect(sweepTime(undefined, 'development', now)).toBe(now);
  });

  it('is the --as-of instant outside production, with its offset honoured', () => {
    expect(sweepTime('2026-12-07T09:30:00-06:00', 'development', now).toISOString()).toBe('2026-12-07T15:30:00.000Z');
    expect(sweepTime('2026-12-07T15:30:00.250Z', 'test', now).toISOString()).toBe('2026-12-07T15:30:00.250Z');
  });

  it('refuses --as-of in production, even at the present moment', () => {
    expect(() => sweepTime(now.toISOString(), 'production', now)).toThrow(SweepTimeRefusedError);
    expect(() => sweepTime(now.toISOString(), 'production', now)).toThrow(/NODE_ENV=production/);
  });

  it.each(['tomorrow', '2026-12-07', '2026-12-07T15:30:00', '2026-13-07T15:30:00Z', '1733500000000'])('refuses %s: not an instant with an offset', (asOf) => {
    expect(() => sweepTime(asOf, 'development', now)).toThrow(SweepTimeRefusedError);
  });
});
