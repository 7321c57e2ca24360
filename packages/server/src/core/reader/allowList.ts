import ipaddr from 'ipaddr.js';
import { InputError, NotAllowedError } from '../errors';
import type { AllowedHost } from './types';

/** An allow-list entry parsed once at start, so each read only compares strings. */
interface ParsedEntry {
  /** Lower-case host name or IP literal (IPv6 in brackets, as URL.hostname has it). */
  hostname: string;
  /** Set for `*.example.com`: the suffix `.example.com`. */
  wildcardSuffix?: string;
  port?: number;
  paths?: string[];
}

/** How a URL matched: `explicit` is false when a wildcard matched, which restricts the addresses it may reach. */
export interface AllowMatch {
  explicit: boolean;
}

export interface AllowList {
  match(url: URL): AllowMatch | undefined;
}

const defaultPorts: Record<string, number> = { 'http:': 80, 'https:': 443 };

export function effectivePort(url: URL): number {
  return url.port ? Number(url.port) : (defaultPorts[url.protocol] ?? 0);
}

function splitHostPort(raw: string): { hostname: string; port?: number } {
  const value = raw.trim().toLowerCase();
  // Bracketed IPv6, with or without a port.
  const bracketed = /^(\[[^\]]+\])(?::(\d+))?$/.exec(value);
  if (bracketed) return { hostname: bracketed[1], port: bracketed[2] ? Number(bracketed[2]) : undefined };
  // A bare IPv6 literal has several colons and no port.
  if ((value.match(/:/g) ?? []).length > 1) return { hostname: `[${value}]` };
  const [hostname, port] = value.split(':');
  return { hostname, port: port === undefined ? undefined : Number(port) };
}

/** The host as WHATWG URL spells it (punycode, canonical IPv6), so entries compare equal to `URL.hostname`. */
function canonicalHostname(hostname: string): string | undefined {
  if (hostname === '' || /[/\\?#@\s%]/.test(hostname)) return undefined;
  try {
    const url = new URL(`http://${hostname}/`);
    return url.hostname === '' || url.port !== '' ? undefined : url.hostname.replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

function parseEntry(entry: AllowedHost): ParsedEntry {
  const { hostname: raw, port } = splitHostPort(entry.host ?? '');
  const portValid = port === undefined || (Number.isInteger(port) && port > 0 && port < 65536);
  const paths = entry.paths?.map((p) => (p.startsWith('/') ? p : `/${p}`));
  if (raw.startsWith('*.')) {
    const suffix = canonicalHostname(`x${raw.slice(1)}`)?.slice(1);
    // `*.com`-style entries would allow half the internet; require at least two labels after the star.
    if (!portValid || !suffix || suffix.split('.').filter(Boolean).length < 2 || suffix.includes('*')) {
      throw new InputError(`reading.allow: wildcard "${entry.host}" is not of the form "*.example.com[:port]"`);
    }
    return { hostname: raw, wildcardSuffix: suffix, port, paths };
  }
  const hostname = raw.includes('*') ? undefined : canonicalHostname(raw);
  if (!hostname || !portValid) {
    throw new InputError(`reading.allow: "${entry.host}" is not a host name, optionally with :port`);
  }
  return { hostname, port, paths };
}

function isIpLiteral(hostname: string): boolean {
  return ipaddr.isValid(hostname.replace(/^\[|\]$/g, ''));
}

/** A prefix matches on path-segment boundaries, so `/api` allows `/api/x` but not `/apiary`. */
function pathAllowed(pathname: string, prefixes: string[] | undefined): boolean {
  if (!prefixes) return true;
  return prefixes.some((prefix) => pathname === prefix || pathname.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`));
}

export function createAllowList(entries: AllowedHost[]): AllowList {
  const parsed = entries.map(parseEntry);
  return {
    match(url) {
      const hostname = url.hostname.toLowerCase().replace(/\.$/, '');
      const port = effectivePort(url);
      for (const entry of parsed) {
        if (entry.port !== undefined && entry.port !== port) continue;
        if (!pathAllowed(url.pathname, entry.paths)) continue;
        if (entry.wildcardSuffix) {
          // A wildcard never stands for an IP literal: `*.0.0.1` must not match 127.0.0.1.
          if (!isIpLiteral(hostname) && hostname.endsWith(entry.wildcardSuffix)) return { explicit: false };
        } else if (entry.hostname === hostname) {
          return { explicit: true };
        }
      }
      return undefined;
    },
  };
}

export function notAllowedHost(url: URL): NotAllowedError {
  return new NotAllowedError(
    `Reading from ${url.host}${url.pathname} is not allowed: add host "${url.host}" under reading.allow in greenroom.yaml`,
  );
}
