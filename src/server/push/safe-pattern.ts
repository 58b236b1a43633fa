// Client-supplied regular expressions (subscription log filters) that cannot stall the server.
/** Longest accepted pattern source. */
export const MAX_PATTERN_LENGTH = 128;
/** Only this many leading characters of a line are tested against a pattern. */
export const MATCH_WINDOW = 512;
/**
 * The window for a pattern with two unbounded quantifiers that is not anchored at the start: every start position
 * is tried and both quantifiers may compete for the same text, which costs cubic time (`a+a*x` against 512 a's
 * took 170 ms, against 128 about 1.5 ms).
 */
export const RISKY_MATCH_WINDOW = 128;
/** Unbounded quantifiers (*, +, {n,}, and {n,m} above LARGE_REPEAT) a pattern may contain. */
const MAX_UNBOUNDED = 2;
/** A bounded repeat this large backtracks like an unbounded one. */
const LARGE_REPEAT = 16;

interface GroupState {
  quantified: boolean;
  alternation: boolean;
}

/** Reads the quantifier starting at `index`; returns its length and whether it is unbounded. */
function quantifierAt(source: string, index: number): { length: number; unbounded: boolean; repeats: boolean } | null {
  const char = source[index];
  if (char === '*' || char === '+') return { length: 1, unbounded: true, repeats: true };
  if (char === '?') return { length: 1, unbounded: false, repeats: false };
  if (char === '{') {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(index));
    if (!match) return null;
    const unbounded = match[2] !== undefined && match[3] === '';
    const upper = match[2] === undefined ? Number(match[1]) : unbounded ? Infinity : Number(match[3]);
    return { length: match[0].length, unbounded: unbounded || upper > LARGE_REPEAT, repeats: upper > 1 };
  }
  return null;
}

interface PatternAnalysis {
  problem: string | null;
  unbounded: number;
  /** Starts with `^` and has no top-level alternative: only one start position is tried. */
  anchored: boolean;
}

/**
 * Why a pattern is refused, or null when it is acceptable: too long, backreferences, a repeated
 * group that itself repeats or alternates (exponential backtracking), or too many unbounded quantifiers.
 */
export function patternProblem(source: string): string | null {
  return analysePattern(source).problem;
}

function analysePattern(source: string): PatternAnalysis {
  let unbounded = 0;
  let topLevelAlternation = false;
  const result = (problem: string | null): PatternAnalysis => ({ problem, unbounded, anchored: source.startsWith('^') && !topLevelAlternation });
  if (source.length > MAX_PATTERN_LENGTH) return result(`longer than ${MAX_PATTERN_LENGTH} characters`);
  if (/\\[1-9]|\\k</.test(source)) return result('backreferences are not allowed');
  const stack: GroupState[] = [];
  let inClass = false;
  const count = (quantifier: { unbounded: boolean; repeats: boolean }, group: GroupState | undefined): void => {
    if (quantifier.unbounded) unbounded += 1;
    if (quantifier.repeats && group) group.quantified = true;
  };
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index];
    if (char === '\\') {
      index += 1;
    } else if (inClass) {
      if (char === ']') inClass = false;
    } else if (char === '[') {
      inClass = true;
    } else if (char === '(') {
      stack.push({ quantified: false, alternation: false });
      // Skip the group prefix ((?:, (?=, (?!, (?<=, (?<!, (?<name>) so its '?' is not read as a quantifier.
      const prefix = /^\?(?:[:=!]|<[=!]|<[A-Za-z_$][\w$]*>)/.exec(source.slice(index + 1));
      if (prefix) index += prefix[0].length;
    } else if (char === '|') {
      const top = stack[stack.length - 1];
      if (top) top.alternation = true;
      else topLevelAlternation = true;
    } else if (char === ')') {
      const group = stack.pop();
      if (!group) return result('unbalanced parentheses');
      const parent = stack[stack.length - 1];
      if (parent && group.quantified) parent.quantified = true;
      const after = quantifierAt(source, index + 1);
      if (after) {
        if (after.repeats && (group.quantified || group.alternation)) {
          return result('a repeated group may not contain repetition or alternatives');
        }
        count(after, parent);
        index += after.length;
      }
    } else {
      const quantifier = quantifierAt(source, index);
      if (quantifier) {
        count(quantifier, stack[stack.length - 1]);
        index += quantifier.length - 1;
      }
    }
    if (unbounded > MAX_UNBOUNDED) return result(`more than ${MAX_UNBOUNDED} unbounded quantifiers`);
  }
  return result(stack.length > 0 ? 'unbalanced parentheses' : null);
}

/** How many leading characters of a line a pattern is tested against (smaller for the costly shapes). */
export function matchWindow(pattern: RegExp): number {
  const analysis = analysePattern(pattern.source);
  return analysis.unbounded > 1 && !analysis.anchored ? RISKY_MATCH_WINDOW : MATCH_WINDOW;
}

/** Compiles a client pattern, or returns null when it is invalid or unsafe. */
export function compileSafePattern(source: string): RegExp | null {
  if (patternProblem(source) !== null) return null;
  try {
    return new RegExp(source);
  } catch {
    return null;
  }
}

/** Tests a line against a compiled client pattern, looking only at its first characters (see matchWindow). */
export function matchesLine(pattern: RegExp, line: string): boolean {
  const window = matchWindow(pattern);
  return pattern.test(line.length > window ? line.slice(0, window) : line);
}
