import { describe, expect, it } from 'vitest';
import { refusal } from './localhost-guard.js';

const ok = { remoteAddress: '127.0.0.1', host: 'localhost:7777', origin: undefined, method: 'GET' };

describe('the localhost guard', () => {
  it('lets in loopback peers addressed as localhost, 127.0.0.1 or [::1]', () => {
    for (const remoteAddress of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])
      expect(refusal({ ...ok, remoteAddress })).toBeNull();
    for (const host of ['localhost', 'localhost:7777', '127.0.0.1:7777', '[::1]:7777', 'LOCALHOST:7777'])
      expect(refusal({ ...ok, host })).toBeNull();
  });

  it('refuses peers that are not on this machine, unless a trusted network is configured', () => {
    for (const remoteAddress of ['192.168.1.20', '10.0.0.5', '::ffff:10.0.0.5', 'fe80::1', '', undefined]) {
      expect(refusal({ ...ok, remoteAddress }), String(remoteAddress)).toMatch(
        /only answers requests from this computer/,
      );
    }
    const compose = { extraHosts: ['glimpse'], trustedNetworks: ['172.18.0.0/16'] };
    expect(refusal({ ...ok, remoteAddress: '172.18.0.7', host: 'glimpse:7777' }, compose)).toBeNull();
    expect(refusal({ ...ok, remoteAddress: '172.19.0.7', host: 'glimpse:7777' }, compose)).not.toBeNull();
  });

  it('refuses other Host names (DNS rebinding)', () => {
    for (const host of [
      'evil.example',
      'evil.example:7777',
      'localhost.evil.example',
      '127.0.0.1.nip.io',
      '',
      undefined,
      'local host',
    ]) {
      expect(refusal({ ...ok, host }), String(host)).toMatch(/addressed to localhost/);
    }
  });

  it('refuses state-changing requests from another origin, and accepts them from its own page or without an Origin', () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      expect(refusal({ ...ok, method, origin: 'https://evil.example' })).toMatch(/another site/);
      expect(refusal({ ...ok, method, origin: 'http://localhost:8888' })).toMatch(/another site/); // another local port
      expect(refusal({ ...ok, method, origin: 'null' })).toMatch(/Origin "null"/);
      expect(refusal({ ...ok, method, origin: 'http://localhost:7777' })).toBeNull();
      expect(refusal({ ...ok, method })).toBeNull();
    }
    expect(refusal({ ...ok, method: 'GET', origin: 'https://evil.example' })).toBeNull(); // reads are guarded by Host
  });
});
