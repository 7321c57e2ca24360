import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';

/**
 * A socket `lookup` that answers only with addresses already checked, so a DNS
 * answer that changes between the check and the connect (rebinding) is never used.
 */
export function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    const candidates = family ? addresses.filter((a) => a.family === family) : addresses;
    if (candidates.length === 0) {
      const error: NodeJS.ErrnoException = new Error(`No checked IPv${family} address for ${hostname}`);
      error.code = 'ENOTFOUND';
      callback(error, '');
      return;
    }
    // Node asks for all addresses when it races IPv4 and IPv6 (autoSelectFamily).
    if (options.all) callback(null, candidates);
    else callback(null, candidates[0].address, candidates[0].family);
  };
}
