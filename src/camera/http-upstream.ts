// Opens an external streamer's URL (mjpg-streamer, ustreamer, camera-streamer) without buffering its body.
import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import type { IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { LookupFunction } from 'node:net';

export interface UpstreamOptions {
  /** Milliseconds to wait for the answer's headers (and, for whole bodies, for the body). */
  timeoutMs: number;
  /** Check the TLS certificate of https URLs. */
  validateCertificate: boolean;
  /** Extra request headers (Authorization for a protected snapshot URL). */
  headers?: Record<string, string>;
  /** Whether the camera may be reached at this address (the app refuses link-local and cloud-metadata ones). */
  addressAllowed(address: string): boolean;
}

export class UpstreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UpstreamError';
  }
}

/** Only http and https URLs, given in full. */
export function parseUpstreamUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UpstreamError(`The camera URL "${text}" is not a full http:// or https:// URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UpstreamError(`The camera URL must start with http:// or https://, not ${url.protocol}.`);
  return url;
}

function refusal(url: URL, address: string): UpstreamError {
  return new UpstreamError(`The camera URL's host ${url.hostname} is at ${address}, a link-local, cloud-metadata or broadcast address, which Argonaut never connects to.`);
}

/**
 * Name resolution that refuses forbidden addresses at connect time, so the address checked is the address used (a
 * host name cannot resolve to something else a moment later).
 */
function checkedLookup(url: URL, allowed: (address: string) => boolean): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      const refused = addresses.find((entry) => !allowed(entry.address));
      if (refused) {
        callback(refusal(url, refused.address), '', 0);
        return;
      }
      const first = addresses[0];
      if (lookupOptions.all) (callback as unknown as (error: null, all: LookupAddress[]) => void)(null, addresses);
      else callback(null, first?.address ?? '', first?.family ?? 0);
    });
  };
}

/** The streamer's answer, once its headers are in; `abort` closes the connection (the viewer left). */
export function openUpstream(text: string, options: UpstreamOptions): Promise<{ response: IncomingMessage; abort(): void }> {
  const url = parseUpstreamUrl(text);
  const client = url.protocol === 'https:' ? https : http;
  // An address written in the URL is never looked up: check it here.
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(literal) !== 0 && !options.addressAllowed(literal)) return Promise.reject(refusal(url, literal));
  const lookup = checkedLookup(url, options.addressAllowed);
  return new Promise((resolve, reject) => {
    const request = client.get(url, { headers: { ...options.headers }, rejectUnauthorized: options.validateCertificate, lookup }, (response) => {
      clearTimeout(timer);
      const status = response.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        response.resume();
        request.destroy();
        reject(new UpstreamError(`The camera at ${url.host} answered with status ${status}.`));
        return;
      }
      resolve({ response, abort: () => request.destroy() });
    });
    const timer = setTimeout(() => request.destroy(new UpstreamError(`The camera at ${url.host} did not answer within ${Math.round(options.timeoutMs / 1000)} s.`)), options.timeoutMs);
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error instanceof UpstreamError ? error : new UpstreamError(`The camera at ${url.host} cannot be reached: ${error.message}`));
    });
  });
}

/** A whole body (a snapshot), refused beyond `maxBytes`. */
export async function fetchUpstream(text: string, options: UpstreamOptions, maxBytes: number): Promise<{ body: Buffer; contentType: string }> {
  const { response, abort } = await openUpstream(text, options);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => fail(new UpstreamError('The camera took too long to send the picture.')), options.timeoutMs);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      abort();
      reject(error);
    };
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) fail(new UpstreamError(`The camera's picture is larger than ${maxBytes} bytes.`));
      else chunks.push(chunk);
    });
    response.on('error', (error) => fail(new UpstreamError(`The camera's answer broke off: ${error.message}`)));
    response.on('end', () => {
      clearTimeout(timer);
      resolve({ body: Buffer.concat(chunks), contentType: String(response.headers['content-type'] ?? 'image/jpeg') });
    });
  });
}
