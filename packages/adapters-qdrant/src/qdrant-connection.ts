import { createHash } from 'node:crypto';
import { QdrantClient, QdrantClientTimeoutError, QdrantClientUnexpectedResponseError } from '@qdrant/js-client-rest';
import { GlimpseError } from '@glimpse/core';
import { redact, type QdrantConfig } from './config.js';

/**
 * One Qdrant server, as Glimpse talks to it: the client, and every answer that is not an answer (nothing listening,
 * no reply in time, an error status) turned into an `unavailable` GlimpseError that says what to do.
 */
export class QdrantConnection {
  readonly client: QdrantClient;

  constructor(readonly config: QdrantConfig) {
    this.client = new QdrantClient({
      url: config.url,
      timeout: config.timeoutMs,
      // The version check runs in the background and warns on the console; start-up checks the server instead.
      checkCompatibility: false,
      // The key goes in the header the client would set; passing it as `apiKey` warns on every plain-http start,
      // which is what a compose network uses.
      ...(config.apiKey ? { headers: { 'api-key': config.apiKey } } : {}),
    });
  }

  /**
   * Checks that the server answers, in one message when it does not. Throws `unavailable` ("Qdrant at http://…
   * did not answer: …; is the container running?").
   */
  async ping(): Promise<void> {
    await this.call('say which version it is', () => this.client.versionInfo());
  }

  /** Runs one request; anything but an answer becomes an `unavailable` GlimpseError naming the server. */
  async call<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (e) {
      throw this.explain(what, e);
    }
  }

  /** The error a person reads for a failed request. */
  explain(what: string, e: unknown): GlimpseError {
    if (GlimpseError.is(e)) return e;
    const at = `Qdrant at ${redact(this.config.url)}`;
    if (e instanceof QdrantClientTimeoutError) {
      return new GlimpseError(
        'unavailable',
        `${at} did not answer within ${this.config.timeoutMs / 1000} s (asked to ${what}); is it overloaded, or ` +
          'stuck? Check the container (docker compose logs qdrant).',
        { cause: e },
      );
    }
    const http = httpFailure(e);
    if (http) {
      const denied = http.status === 401 || http.status === 403;
      const message = denied
        ? `${at} refused the request (asked to ${what}): ${http.detail}. Check GLIMPSE_QDRANT_API_KEY.`
        : http.fromQdrant
          ? `${at} answered an error (asked to ${what}): ${http.detail}`
          : `${at} answered ${http.detail}, not as Qdrant does (asked to ${what}); is GLIMPSE_QDRANT_URL the ` +
            "address of Qdrant's REST port (6333)?";
      return new GlimpseError('unavailable', message, { cause: e });
    }
    return new GlimpseError(
      'unavailable',
      `${at} did not answer: ${networkReason(e)}; is the container running? (asked to ${what})`,
      { cause: e },
    );
  }
}

/** "connection refused", "no such host", ... from fetch's error and its cause. */
function networkReason(e: unknown): string {
  const cause = e instanceof Error ? (e.cause as { code?: string; message?: string } | undefined) : undefined;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'no such host';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection was closed';
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return 'no answer in time';
    default:
      return cause?.message ?? (e instanceof Error ? e.message : String(e));
  }
}

/** A deterministic UUID (the layout of a version 5 one) from the parts, so writes of the same point are idempotent. */
export function pointId(...parts: readonly (string | number)[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The status and Qdrant's own words of an error answer: the client throws its fetcher's ApiError (status, data)
 * for most, and QdrantClientUnexpectedResponseError (status in the message) for other answers it does not expect.
 */
export function httpFailure(e: unknown): { status: number; detail: string; fromQdrant: boolean } | null {
  const value = GlimpseError.is(e) ? e.cause : e;
  if (value instanceof QdrantClientUnexpectedResponseError) {
    const status = Number(/Unexpected Response: (\d{3})/.exec(value.message)?.[1] ?? 0);
    return { status, detail: value.message.split('\n')[0]!, fromQdrant: /"status"/.test(value.message) };
  }
  if (value instanceof Error && typeof (value as { status?: unknown }).status === 'number') {
    const { status, data } = value as Error & { status: number; data?: { status?: { error?: unknown } } };
    // Qdrant's own error answers are JSON with status.error; anything else came from something that is not Qdrant.
    const said = data?.status?.error;
    return {
      status,
      detail: `${status} ${typeof said === 'string' ? said : value.message}`.trim(),
      fromQdrant: typeof said === 'string',
    };
  }
  return null;
}
