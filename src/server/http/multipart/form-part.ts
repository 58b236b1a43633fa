// What a multipart/form-data part is, from its header fields: a file or a text field, its name, filename and charset.
import busboyUtils from 'busboy/lib/utils.js';
import type { PartHeaders } from './multipart-parser.js';

export interface FormPart {
  kind: 'file' | 'field';
  /** The `name` parameter, one character per byte (ISO-8859-1) unless it came RFC 5987 encoded; undefined if absent. */
  name: string | undefined;
  /** `filename*` (decoded) or else `filename`, like `name`; undefined if absent or empty. */
  filename: string | undefined;
  /** Charset of a text field's value (lower case; UTF-8 by default). */
  charset: string;
}

// busboy's parameter decoding (its own parsers, so that names decode exactly as before): non-extended values stay
// one character per byte (ISO-8859-1); the caller decides between UTF-8 and ISO-8859-1.
const latin1 = busboyUtils.getDecoder('latin1');

/**
 * The part's meaning as busboy gave it, or null for a part that is skipped: no Content-Disposition, a malformed one
 * (e.g. a `filename*` that is not valid percent-encoding), or a type other than form-data.
 */
export function describePart(headers: PartHeaders): FormPart | null {
  const disposition = headers['content-disposition']?.[0];
  if (disposition === undefined) return null;
  const parsed = busboyUtils.parseDisposition(disposition, latin1);
  if (!parsed || parsed.type !== 'form-data') return null;
  const name = parsed.params.name || undefined;
  const filename = parsed.params['filename*'] || parsed.params.filename || undefined;
  let type = 'text/plain';
  let charset = 'utf8';
  const contentType = headers['content-type']?.[0];
  const parsedType = contentType === undefined ? undefined : busboyUtils.parseContentType(contentType);
  if (parsedType) {
    type = `${parsedType.type}/${parsedType.subtype}`;
    if (typeof parsedType.params.charset === 'string') charset = parsedType.params.charset.toLowerCase();
  }
  return { kind: type === 'application/octet-stream' || filename !== undefined ? 'file' : 'field', name, filename, charset };
}

/** A text field's value in its charset (unknown charsets give an empty value). */
export function fieldText(value: Buffer, charset: string): string {
  return busboyUtils.convertToUTF8(value, charset, 0) ?? '';
}

/** The boundary of a multipart/form-data Content-Type (busboy's reading of it), or null. */
export function formBoundary(contentType: string): string | null {
  const parsed = busboyUtils.parseContentType(contentType);
  if (!parsed || parsed.type !== 'multipart' || parsed.subtype !== 'form-data') return null;
  const boundary = parsed.params.boundary;
  return typeof boundary === 'string' && boundary.length > 0 ? boundary : null;
}
