// The product's seeded generator (the virtual printer's mulberry32) with helpers to build and mutate fuzz inputs.
import { SeededRandom } from '../../../src/printer/virtual/index.js';

/** SeededRandom mixes its seed with this constant; the fuzz seeds are taken as the raw state instead. */
const SEED_MIX = 0x9e3779b9;

export class Prng extends SeededRandom {
  /** `seed` is the generator's starting state, so each seed names the same fuzz inputs as before. */
  constructor(seed: number) {
    super((seed >>> 0) ^ SEED_MIX);
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** Up to `maxLength` characters drawn from `alphabet`. */
  text(alphabet: string, maxLength: number): string {
    const length = this.int(maxLength + 1);
    let out = '';
    for (let i = 0; i < length; i += 1) out += alphabet[this.int(alphabet.length)] ?? '';
    return out;
  }

  /** A string of arbitrary UTF-16 code units (lone surrogates included). */
  units(maxLength: number): string {
    const length = this.int(maxLength + 1);
    let out = '';
    for (let i = 0; i < length; i += 1) {
      const kind = this.int(4);
      out += String.fromCharCode(kind === 0 ? this.int(0x20) : kind === 1 ? 0x20 + this.int(0x60) : kind === 2 ? 0x80 + this.int(0x180) : this.int(0x10000));
    }
    return out;
  }

  /** `base` with a few random edits: deletions, insertions from `alphabet`, duplications, truncation. */
  mutate(base: string, alphabet: string, edits = 1 + this.int(4)): string {
    let text = base;
    for (let i = 0; i < edits; i += 1) {
      const at = this.int(text.length + 1);
      switch (this.int(5)) {
        case 0:
          text = text.slice(0, at) + text.slice(at + 1 + this.int(3));
          break;
        case 1:
          text = text.slice(0, at) + this.text(alphabet, 4) + text.slice(at);
          break;
        case 2:
          text = text.slice(0, at) + text.slice(at, at + this.int(8)).repeat(2 + this.int(3)) + text.slice(at);
          break;
        case 3:
          text = text.slice(0, at);
          break;
        default:
          text = text.slice(0, at) + (alphabet[this.int(alphabet.length)] ?? '') + text.slice(at + 1);
      }
    }
    return text;
  }
}

/** Characters that matter to the parsers under test, weighted towards the structural ones. */
export const JSON_ALPHABET = '{}[]":,\\ 0123456789.eE-+truefalsnl_ab\u0000\n\r\t\u2028\uD800é';
export const HEADER_ALPHABET = 'abcxyzABC019 ._-/\\%*\'";=:\t\r\n\u0000\u007f\u0080\u00a0\u00c3\u00bc\u00e9\u00fc\u00ff';
