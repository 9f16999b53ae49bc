import type { IncomingMessage } from 'node:http';
import { GlimpseError } from '@glimpse/core';
import busboy from 'busboy';

/** Reads a small JSON body (at most `limit` bytes); 400 for bad JSON, 415 for another type, 413 when too large. */
export async function readJson(req: IncomingMessage, limit = 64 * 1024): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const raw = await readRaw(req, limit, 'The request body', null);
  if (raw.length === 0) return undefined;
  if (type !== 'application/json' && type !== '')
    throw new GlimpseError('unsupported-media', `Send the body as JSON (Content-Type: application/json), not ${type}.`);
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (e) {
    throw new GlimpseError('invalid-input', `The request body is not valid JSON: ${(e as Error).message}`);
  }
}

export interface Upload {
  readonly bytes: Buffer;
  readonly fileName: string | null;
  /** Text fields sent along in a multipart form. */
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * An uploaded picture: a multipart form with one file (any field name; `image` by convention), or the bare
 * bytes with an image/* or application/octet-stream type. Over `maxBytes`: `too-large` (413), after the rest of
 * the request was read, so the client always gets the answer.
 */
export async function readUpload(req: IncomingMessage, maxBytes: number): Promise<Upload> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'multipart/form-data') return readMultipart(req, maxBytes);
  if (type.startsWith('image/') || type === 'application/octet-stream') {
    return { bytes: await readRaw(req, maxBytes, 'The upload', UPLOAD_SETTING), fileName: null, fields: {} };
  }
  throw new GlimpseError(
    'unsupported-media',
    'Upload the picture as multipart/form-data (curl -F image=@photo.jpg) or as the bare body with an image/* Content-Type.',
  );
}

const UPLOAD_SETTING = 'GLIMPSE_MAX_UPLOAD_MB';

/** `setting`: the setting that raises the limit, when one does. */
function tooLarge(what: string, max: number, setting: string | null): GlimpseError {
  return new GlimpseError(
    'too-large',
    `${what} is larger than ${megabytes(max)}, the limit${setting ? ` (${setting})` : ''}.`,
  );
}

function megabytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.round(n / 1024)} KB`;
}

/** Reads the whole body, keeping at most `max` bytes; stops reading (closing the connection) past 8x that. */
async function readRaw(req: IncomingMessage, max: number, what: string, setting: string | null): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total <= max) chunks.push(chunk);
      else if (total > max * 8) {
        req.destroy();
        break;
      }
    }
  } catch (e) {
    throw aborted(e);
  }
  if (total > max) throw tooLarge(what, max, setting);
  return Buffer.concat(chunks);
}

/** The client went away (or the connection broke) before the body was complete. */
function aborted(e: unknown): GlimpseError {
  return new GlimpseError('invalid-input', `The request body did not arrive complete (${(e as Error).message}).`, {
    cause: e,
  });
}

/**
 * A multipart form with at most one file. Every stream involved has its errors handled (a form cut short, a
 * part without its closing boundary, an aborted upload): each ends in one rejection, never in an unhandled
 * 'error' event, which would end the process.
 */
function readMultipart(req: IncomingMessage, maxBytes: number): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes, fields: 20, fieldSize: 4096 } });
    } catch (e) {
      reject(new GlimpseError('invalid-input', `The multipart form cannot be read: ${(e as Error).message}`));
      return;
    }
    let settled = false;
    const fail = (e: GlimpseError) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      req.resume(); // drain what is left, so the answer can be read by the client
      reject(e);
    };
    const unreadable = (e: Error) =>
      fail(new GlimpseError('invalid-input', `The multipart form cannot be read: ${e.message}.`));
    const chunks: Buffer[] = [];
    const fields: Record<string, string> = {};
    let fileName: string | null = null;
    let files = 0;
    let truncated = false;
    parser.on('file', (_name, stream, info) => {
      files++;
      fileName = info.filename ?? null;
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => (truncated = true));
      stream.on('error', unreadable);
    });
    parser.on('field', (name, value) => (fields[name] = value));
    parser.on('error', unreadable);
    req.on('error', (e) => fail(aborted(e)));
    req.on('aborted', () => fail(aborted(new Error('the client closed the connection'))));
    parser.on('close', () => {
      if (settled) return;
      settled = true;
      if (truncated) reject(tooLarge('The upload', maxBytes, UPLOAD_SETTING));
      else if (files === 0)
        reject(
          new GlimpseError('invalid-input', 'The form has no file: send the picture as a file field named image.'),
        );
      else resolve({ bytes: Buffer.concat(chunks), fileName, fields });
    });
    req.pipe(parser);
  });
}
