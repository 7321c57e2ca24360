import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import ipaddr from 'ipaddr.js';
import { NotAllowedError, ReadError } from '../errors';
import { notAllowedHost, type AllowList } from './allowList';
import { classifyAddress, isMetadataHostname } from './ipPolicy';
import type { HostLookup } from './types';

/** A URL that passed every check, with the addresses that were checked: connect only to these. */
export interface CheckedTarget {
  url: URL;
  /** Host name without IPv6 brackets, as sockets and curl want it. */
  hostname: string;
  addresses: LookupAddress[];
}

export const systemLookup: HostLookup = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });

function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/**
 * The SSRF gate for http and git: scheme, metadata services, allow-list, then every
 * address the name resolves to. Loopback, link-local and private addresses are
 * reachable only when an allow-list entry names this host itself (an operator
 * pointing at an internal service on purpose); a wildcard entry must not let a DNS
 * record lead inside. Metadata services are never reachable, whatever the allow-list
 * says: nothing in a catalog needs cloud credentials.
 */
export async function checkTarget(url: URL, allowList: AllowList, lookup: HostLookup): Promise<CheckedTarget> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new NotAllowedError(`Cannot read ${url.href}: only http: and https: URLs can be read`);
  }
  const hostname = bareHostname(url);
  // Before the allow-list, so the refusal never suggests allow-listing a metadata service.
  if (isMetadataHostname(hostname) || (ipaddr.isValid(hostname) && classifyAddress(hostname) === 'metadata')) {
    throw new NotAllowedError(`Reading from ${url.host} is not allowed: it is a cloud metadata service`);
  }
  const match = allowList.match(url);
  if (!match) throw notAllowedHost(url);

  let addresses: LookupAddress[];
  if (ipaddr.isValid(hostname)) {
    addresses = [{ address: hostname, family: hostname.includes(':') ? 6 : 4 }];
  } else {
    try {
      addresses = await lookup(hostname);
    } catch (error) {
      throw new ReadError(`Cannot read ${url.href}: host ${hostname} does not resolve (${(error as Error).message})`);
    }
    if (addresses.length === 0) throw new ReadError(`Cannot read ${url.href}: host ${hostname} has no address`);
  }

  for (const { address } of addresses) {
    const kind = classifyAddress(address);
    if (kind === 'metadata') {
      throw new NotAllowedError(`Reading from ${url.host} is not allowed: it resolves to ${address}, a cloud metadata address`);
    }
    if (kind === 'restricted' && !match.explicit) {
      throw new NotAllowedError(
        `Reading from ${url.host} is not allowed: it resolves to ${address}, a loopback, link-local or private address; ` +
          `list "${url.host}" itself (not a wildcard) under reading.allow in greenroom.yaml to read from it`,
      );
    }
  }
  return { url, hostname, addresses };
}
