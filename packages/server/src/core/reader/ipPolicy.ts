import ipaddr from 'ipaddr.js';

/**
 * Where an address points, for SSRF decisions. `restricted` addresses reach the
 * server itself or its neighbours; `metadata` addresses hand out cloud credentials.
 */
export type AddressClass = 'public' | 'restricted' | 'metadata';

// Cloud instance-metadata services (AWS, GCP, Azure, DigitalOcean, Oracle; AWS IPv6; Alibaba).
const metadataAddresses = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200']);

const metadataHostnames = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal']);

// ipaddr.js range names that stay inside the machine or its link.
const restrictedRanges = new Set(['loopback', 'linkLocal', 'unspecified']);

export function classifyAddress(address: string): AddressClass {
  const bare = address.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return 'restricted'; // not an address at all: refuse rather than guess
  // process() turns IPv4-mapped IPv6 (::ffff:127.0.0.1) into the IPv4 it carries.
  const parsed = ipaddr.process(bare);
  if (metadataAddresses.has(parsed.toNormalizedString()) || metadataAddresses.has(parsed.toString())) {
    return 'metadata';
  }
  return restrictedRanges.has(parsed.range()) ? 'restricted' : 'public';
}

export function isMetadataHostname(hostname: string): boolean {
  return metadataHostnames.has(hostname.toLowerCase().replace(/\.$/, ''));
}
