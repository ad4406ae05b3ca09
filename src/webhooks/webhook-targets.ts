import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

export interface TargetPolicy {
  /** Production: targets must be https and resolve only to public addresses. */
  refusePrivateTargets: boolean;
  /** Hosts exempt (tests, development): http allowed, any address. */
  allowedPrivateHosts: readonly string[];
}

/** Why a target is refused: said to the agency at registration, logged at delivery (no secrets in it). */
export class TargetRefused extends Error {}

export interface ResolvedTarget {
  url: URL;
  /** The address the request goes to: checked once and pinned, so a second DNS answer cannot move it (rebinding). */
  address: string;
  family: 4 | 6;
}

/**
 * Loopback, private, link-local, shared (CGNAT), documentation, multicast and reserved ranges, IPv4
 * and IPv6 (unique local, link-local, NAT64 and IPv4-mapped forms included): a webhook must never
 * reach the service's own network (SSRF, decision 0121).
 */
const NOT_PUBLIC_V4 = new BlockList();
const NOT_PUBLIC_V6 = new BlockList(); // apart: a list with IPv6 rules matches IPv4 addresses as if mapped
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) NOT_PUBLIC_V4.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 96], ['::1', 128], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23],
  ['2001:db8::', 32], ['2002::', 16], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) NOT_PUBLIC_V6.addSubnet(network, prefix, 'ipv6');

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 4) return !NOT_PUBLIC_V4.check(address, 'ipv4');
  const mapped = mappedIpv4(address);
  if (mapped !== null) return isPublicAddress(mapped);
  return !NOT_PUBLIC_V6.check(address, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped IPv6 one (`::ffff:127.0.0.1`, or `::ffff:7f00:1` as URLs write it). */
function mappedIpv4(address: string): string | null {
  const dotted = /^(?:0{0,4}:){0,4}:?:ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted) return dotted[1];
  const hex = /^(?:0{0,4}:){0,4}:?:ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return null;
  const [high, low] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** The URL's host as the allow-list and DNS know it (IPv6 literals without brackets). */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

/** The URL's shape: https (http only for an allow-listed host), no credentials, no fragment. */
export function parseTarget(raw: string, policy: TargetPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TargetRefused('url must be an absolute https URL');
  }
  const allowed = policy.allowedPrivateHosts.includes(hostOf(url));
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowed)) throw new TargetRefused('url must use https');
  if (url.username || url.password) throw new TargetRefused('url must not carry credentials');
  if (url.hash) throw new TargetRefused('url must not have a fragment');
  return url;
}

/**
 * Resolves the target once and checks every address it resolves to: refused in production if any is
 * not public (one public answer among private ones is how rebinding starts). The first address is
 * pinned for the request.
 */
export async function resolveTarget(raw: string, policy: TargetPolicy): Promise<ResolvedTarget> {
  const url = parseTarget(raw, policy);
  const host = hostOf(url);
  const literal = isIP(host);
  let addresses: { address: string; family: number }[];
  if (literal !== 0) addresses = [{ address: host, family: literal }];
  else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      throw new TargetRefused('url host does not resolve');
    }
  }
  if (addresses.length === 0) throw new TargetRefused('url host does not resolve');
  const exempt = policy.allowedPrivateHosts.includes(host);
  if (policy.refusePrivateTargets && !exempt && addresses.some((each) => !isPublicAddress(each.address))) {
    throw new TargetRefused('url must not resolve to a loopback, private or link-local address');
  }
  return { url, address: addresses[0].address, family: addresses[0].family === 6 ? 6 : 4 };
}
