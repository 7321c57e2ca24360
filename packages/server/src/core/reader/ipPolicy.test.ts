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
    ['93.184.216.34', 'public'],
    ['10.1.2.3', 'public'],
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
