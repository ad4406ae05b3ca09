import { retryDelayMs } from './backoff';
import { isPublicAddress, parseTarget, resolveTarget, TargetRefused } from './webhook-targets';

const PRODUCTION = { refusePrivateTargets: true, allowedPrivateHosts: [] };
const DEVELOPMENT = { refusePrivateTargets: false, allowedPrivateHosts: ['localhost', '127.0.0.1', '::1'] };

describe('webhook targets (decision 0121)', () => {
  it.each(['127.0.0.1', '10.0.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:10.0.0.1', '::ffff:7f00:1', '64:ff9b::a00:1', 'ff02::1', 'not an address'])(
    '%s is not public',
    (address) => expect(isPublicAddress(address)).toBe(false),
  );

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) => expect(isPublicAddress(address)).toBe(true));

  it('takes https anywhere and http only for an allow-listed host', () => {
    expect(parseTarget('https://partner.example.org/x', PRODUCTION).hostname).toBe('partner.example.org');
    expect(() => parseTarget('http://partner.example.org/x', DEVELOPMENT)).toThrow(TargetRefused);
    expect(parseTarget('http://127.0.0.1:8080/x', DEVELOPMENT).port).toBe('8080');
    expect(() => parseTarget('http://127.0.0.1:8080/x', PRODUCTION)).toThrow(TargetRefused);
    expect(() => parseTarget('ftp://partner.example.org/x', DEVELOPMENT)).toThrow(TargetRefused);
    expect(() => parseTarget('https://partner.example.org/x#frag', DEVELOPMENT)).toThrow(TargetRefused);
  });

  it('resolves and pins an address literal; refuses a private one only where private targets are refused', async () => {
    await expect(resolveTarget('https://[::1]:9/x', PRODUCTION)).rejects.toThrow('loopback, private or link-local');
    await expect(resolveTarget('https://93.184.215.14/x', PRODUCTION)).resolves.toMatchObject({ address: '93.184.215.14', family: 4 });
    await expect(resolveTarget('http://127.0.0.1:9/x', DEVELOPMENT)).resolves.toMatchObject({ address: '127.0.0.1', family: 4 });
  });
});

describe('retry back-off', () => {
  it('doubles from the base up to the cap, each wait 50–100 % of its step', () => {
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(attempts, 1000, 5000, () => 1))).toEqual([1000, 2000, 4000, 5000]);
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(attempts, 1000, 5000, () => 0))).toEqual([500, 1000, 2000, 2500]);
    expect(retryDelayMs(500, 1000, 3_600_000, () => 1)).toBe(3_600_000);
  });
});
