export { createUrlReader } from './createUrlReader';
export { classifyAddress, isMetadataHostname, type AddressClass } from './ipPolicy';
export type { AllowedHost, HostLookup, LocationType, ReaderOptions, ScmUrls, UrlReader } from './types';
