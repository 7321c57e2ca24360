import { describe, expect, it } from 'vitest';
import { classifyAddress, isMetadataHostname } from './ipPolicy';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'restricted'],
    ['127.45.6.7', 'restricted'],
    ['::1', 'restricted'],
    ['::ffff:127.0.0.1', 'restricted'],
    ['169.254.10.20', 'restricted'],
    ['fe80::1', 'restricted'],
    ['0.0.0.0', 'restricted'],
    ['::', 'restricted'],
    ['169.254.169.254', 'metadata'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['2002:a9fe:a9fe::1', 'metadata'],
    // Private networks are reached only through a host listed by name, never through a wildcard.
    ['10.1.2.3', 'restricted'],
    ['172.16.0.1', 'restricted'],
    ['192.168.1.1', 'restricted'],
    ['100.64.0.1', 'restricted'],
    ['fd12:3456::1', 'restricted'],
    ['::ffff:10.0.0.1', 'restricted'],
    ['::7f00:1', 'restricted'],
    ['64:ff9b::7f00:1', 'restricted'],
    ['224.0.0.1', 'restricted'],
    ['255.255.255.255', 'restricted'],
    ['93.184.216.34', 'public'],
    ['2606:4700::1111', 'public'],
    ['not-an-address', 'restricted'],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it('knows cloud metadata host names', () => {
    expect(isMetadataHostname('metadata.google.internal')).toBe(true);
    expect(isMetadataHostname('METADATA.google.internal.')).toBe(true);
    expect(isMetadataHostname('github.com')).toBe(false);
  });
});
