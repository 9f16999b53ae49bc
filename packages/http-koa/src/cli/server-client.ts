import { request } from 'node:http';
import { GLIMPSE_ERROR_KINDS, GlimpseError, type GlimpseErrorKind } from '@glimpse/core';

/** A reply from a running Glimpse server. */
interface Reply {
  readonly status: number;
  readonly body: unknown;
}

/**
 * Talks to a Glimpse server that holds the data directory, so CLI commands work while it runs instead of
 * failing on the database lock. Errors come back as GlimpseErrors with the server's message.
 */
export class ServerClient {
  /** `key`: the server's key, sent as `Authorization: Bearer`; null when the server needs none. */
  constructor(
    readonly baseUrl: string,
    private readonly key: string | null = null,
  ) {}

  private get auth(): Record<string, string> {
    return this.key ? { authorization: `Bearer ${this.key}` } : {};
  }

  async get(path: string): Promise<unknown> {
    return this.call('GET', path);
  }

  async send(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
    return this.call(method, path, body);
  }

  /** Follows a scan's event stream, calling `onEvent` for each, until `done`; returns the last job. */
  followScan(
    id: string,
    onEvent: (event: string, job: Record<string, unknown>) => void,
  ): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const url = new URL(`/api/v1/scans/${encodeURIComponent(id)}/events`, this.baseUrl);
      const req = request(url, { headers: this.auth }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new GlimpseError('unavailable', `The server answered ${res.statusCode} for the scan's events.`));
          return;
        }
        let buffer = '';
        let last: Record<string, unknown> | null = null;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (!event || !data) continue;
            last = JSON.parse(data) as Record<string, unknown>;
            onEvent(event, last);
          }
        });
        res.on('end', () =>
          last ? resolve(last) : reject(new GlimpseError('unavailable', 'The server closed the event stream.')),
        );
        res.on('error', reject);
      });
      req.on('error', (e) => reject(unreachable(this.baseUrl, e)));
      req.end();
    });
  }

  private call(method: string, path: string, body?: unknown): Promise<unknown> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise<Reply>((resolve, reject) => {
      const req = request(
        new URL(path, this.baseUrl),
        {
          method,
          headers: {
            ...this.auth,
            ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null });
            } catch {
              resolve({ status: res.statusCode!, body: { error: { kind: 'internal', message: text.slice(0, 300) } } });
            }
          });
        },
      );
      req.on('error', (e) => reject(unreachable(this.baseUrl, e)));
      if (payload) req.write(payload);
      req.end();
    }).then(({ status, body }) => {
      if (status < 400) return body;
      const error = (body as { error?: { kind?: string; message?: string } } | null)?.error;
      throw new GlimpseError(
        (GLIMPSE_ERROR_KINDS as readonly string[]).includes(error?.kind ?? '')
          ? (error!.kind as GlimpseErrorKind)
          : 'unavailable',
        error?.message ?? `The server answered ${status}.`,
      );
    });
  }
}

function unreachable(url: string, e: Error): GlimpseError {
  return new GlimpseError('unavailable', `The Glimpse server at ${url} does not answer (${e.message}).`, { cause: e });
}
