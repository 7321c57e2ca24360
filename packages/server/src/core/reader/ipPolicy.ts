import ipaddr from 'ipaddr.js';

/**
 * Where an address points, for SSRF decisions. `restricted` addresses reach the
 * server itself or its private network (loopback, link-local, private, unique-local,
 * carrier-grade NAT, and anything else that is not ordinary public unicast);
 * `metadata` addresses hand out cloud credentials.
 */
export type AddressClass = 'public' | 'restricted' | 'metadata';

// Cloud instance-metadata services (AWS, GCP, Azure, DigitalOcean, Oracle; AWS IPv6; Alibaba).
const metadataAddresses = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200']);

const metadataHostnames = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal']);

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** The IPv4 address that NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses carry, which is where they lead. */
function embeddedIPv4(address: Address): ipaddr.IPv4 | undefined {
  if (address.kind() !== 'ipv6') return undefined;
  const bytes = address.toByteArray();
  const range = address.range();
  if (range === 'rfc6052') return new ipaddr.IPv4(bytes.slice(12, 16));
  if (range === '6to4') return new ipaddr.IPv4(bytes.slice(2, 6));
  return undefined;
}

function isMetadataAddress(address: Address): boolean {
  return metadataAddresses.has(address.toNormalizedString()) || metadataAddresses.has(address.toString());
}

/**
 * Public means ordinary unicast: ipaddr.js names every special range (private,
 * loopback, reserved, NAT64…) and leaves 'unicast' for the rest. IPv4-compatible
 * IPv6 (::/96, deprecated) is named 'unicast' too but carries an IPv4 address.
 */
function isPublicUnicast(address: Address): boolean {
  if (address.range() !== 'unicast') return false;
  return (
    address.kind() === 'ipv4' ||
    !address
      .toByteArray()
      .slice(0, 12)
      .every((byte) => byte === 0)
  );
}

export function classifyAddress(address: string): AddressClass {
  const bare = address.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return 'restricted'; // not an address at all: refuse rather than guess
  // process() turns IPv4-mapped IPv6 (::ffff:127.0.0.1) into the IPv4 it carries.
  const parsed = ipaddr.process(bare);
  const embedded = embeddedIPv4(parsed);
  if (isMetadataAddress(parsed) || (embedded && isMetadataAddress(embedded))) return 'metadata';
  return isPublicUnicast(parsed) ? 'public' : 'restricted';
}

export function isMetadataHostname(hostname: string): boolean {
  return metadataHostnames.has(hostname.toLowerCase().replace(/\.$/, ''));
}
