// Types of the parameter parsers inside busboy (lib/utils.js), which decode Content-Disposition and Content-Type.
declare module 'busboy/lib/utils.js' {
  type Decoder = (value: string, hint: number) => string | undefined;
  interface BusboyUtils {
    /** `type; name=value; name*=charset'lang'%xx`: non-extended values go through `decoder`; undefined when malformed. */
    parseDisposition(text: string, decoder: Decoder): { type: string; params: Record<string, string | undefined> } | undefined;
    parseContentType(text: string): { type: string; subtype: string; params: Record<string, string | undefined> } | undefined;
    getDecoder(charset: string): Decoder;
    /** Text of `data` in `charset` (undefined for an unknown one). */
    convertToUTF8(data: Buffer | string, charset: string, hint: number): string | undefined;
  }
  const utils: BusboyUtils;
  export default utils;
}
