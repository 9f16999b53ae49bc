import type { Middleware } from 'koa';

export interface LocalhostPolicy {
  /** Host names accepted in the Host header besides localhost, 127.0.0.1 and [::1] (e.g. a compose service name). */
  readonly extraHosts: readonly string[];
  /** IPv4 networks whose peers are trusted like loopback (CIDR, e.g. "172.18.0.0/16" for docker compose). Off by default. */
  readonly trustedNetworks: readonly string[];
}

export const STRICT_LOCALHOST: LocalhostPolicy = { extraHosts: [], trustedNetworks: [] };

export interface RequestFacts {
  readonly remoteAddress: string | undefined;
  readonly host: string | undefined;
  readonly origin: string | undefined;
  readonly method: string;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Why a request must be refused, or null to let it in. Three checks, before any routing:
 * the peer is on this machine (loopback, or a trusted network); the Host header names this machine (a page on
 * another site that re-points its DNS name at 127.0.0.1 still sends its own name); and a state-changing request
 * carries no Origin (curl) or this server's own origin (a page elsewhere cannot trigger a reset).
 */
export function refusal(req: RequestFacts, policy: LocalhostPolicy = STRICT_LOCALHOST): string | null {
  const peer = normalizeAddress(req.remoteAddress ?? '');
  if (!isLocalPeer(req.remoteAddress, policy)) {
    return `Glimpse only answers requests from this computer (this one came from ${peer || 'an unknown address'}).`;
  }
  const host = hostName(req.host);
  if (!host || !allowedHost(host, policy)) {
    return `Glimpse only answers requests addressed to localhost (Host "${req.host ?? ''}" is not accepted).`;
  }
  if (STATE_CHANGING.has(req.method.toUpperCase()) && req.origin !== undefined && req.origin !== 'null') {
    let originHost: string | null = null;
    try {
      const o = new URL(req.origin);
      originHost = o.host.toLowerCase() === (req.host ?? '').toLowerCase() ? hostName(o.host) : null;
    } catch {
      originHost = null;
    }
    if (!originHost || !allowedHost(originHost, policy)) {
      return `Changes are only accepted from Glimpse's own page (Origin "${req.origin}" is another site).`;
    }
  } else if (STATE_CHANGING.has(req.method.toUpperCase()) && req.origin === 'null') {
    return 'Changes are only accepted from Glimpse\u2019s own page (Origin "null").';
  }
  return null;
}

/** Koa middleware applying {@link refusal}: 403 with a JSON message, before routing. */
export function localhostGuard(policy: LocalhostPolicy = STRICT_LOCALHOST): Middleware {
  return async (ctx, next) => {
    const reason = refusal(
      {
        remoteAddress: ctx.req.socket.remoteAddress,
        host: ctx.get('host') || undefined,
        origin: ctx.get('origin') || undefined,
        method: ctx.method,
      },
      policy,
    );
    if (reason) {
      ctx.status = 403;
      ctx.body = { error: { kind: 'forbidden', message: reason } };
      return;
    }
    await next();
  };
}

/** Whether a peer (the socket's address) is this computer: loopback, or a network the policy trusts like it. */
export function isLocalPeer(remoteAddress: string | undefined, policy: LocalhostPolicy = STRICT_LOCALHOST): boolean {
  const peer = normalizeAddress(remoteAddress ?? '');
  return isLoopback(peer) || policy.trustedNetworks.some((n) => inNetwork(peer, n));
}

function normalizeAddress(a: string): string {
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}

function isLoopback(a: string): boolean {
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/** The host name of a Host header value, lower-cased, without the port ("[::1]:8080" -> "[::1]"). */
function hostName(host: string | undefined): string | null {
  if (!host) return null;
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(0, end + 1) : null;
  }
  const name = h.split(':')[0]!;
  return /^[a-z0-9.-]+$/.test(name) ? name : null;
}

function allowedHost(name: string, policy: LocalhostPolicy): boolean {
  return (
    name === 'localhost' ||
    name === '127.0.0.1' ||
    name === '[::1]' ||
    policy.extraHosts.map((h) => h.toLowerCase()).includes(name)
  );
}

function inNetwork(address: string, cidr: string): boolean {
  const [net, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  const a = ipv4(address);
  const n = ipv4(net ?? '');
  if (a === null || n === null || !(bits >= 0 && bits <= 32)) return false;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (a & mask) >>> 0 === (n & mask) >>> 0;
}

function ipv4(a: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(a);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return (((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!) >>> 0;
}

/** True for an IPv4 network in CIDR notation ("172.18.0.0/16"). */
export function isIPv4Network(cidr: string): boolean {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(cidr);
  return !!m && ipv4(m[1]!) !== null && Number(m[2]) <= 32;
}
