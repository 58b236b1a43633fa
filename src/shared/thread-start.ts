// Pure helpers for starting a worker thread or a child process: where its entry is (built file, or sources under tsx) and its one crash report.

/** What to give `new Worker(code, { eval })`. */
export interface WorkerEntry {
  code: string | URL;
  eval: boolean;
}

/**
 * The worker file `<name>.js` sits next to the module that starts it (`callerUrl`, its import.meta.url) in dist/.
 * Under tsx (tests, running from sources) the caller is a .ts file, and Node 20 does not carry tsx's loader into worker
 * threads: the worker then runs a line that registers tsx (`tsxApiUrl`, resolved only in that case) and imports
 * `<name>.ts`.
 */
export function workerEntry(callerUrl: string, name: string, tsxApiUrl: () => string): WorkerEntry {
  if (!callerUrl.endsWith('.ts')) return { code: new URL(`./${name}.js`, callerUrl), eval: false };
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  return { code: `import(${JSON.stringify(tsxApiUrl())}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`, eval: true };
}

/** What to give `fork(file, args, { execArgv })`. */
export interface ProcessEntry {
  file: URL;
  execArgv: string[];
}

/**
 * The child process's entry `<name>.js` beside a compiled caller (no flags of the parent carried over), or `<name>.ts`
 * beside a caller run by tsx, then loaded with tsx (`tsxUrl`, resolved only in that case) in the child as well.
 */
export function processEntry(callerUrl: string, name: string, tsxUrl: () => string): ProcessEntry {
  if (!callerUrl.endsWith('.ts')) return { file: new URL(`./${name}.js`, callerUrl), execArgv: [] };
  return { file: new URL(`./${name}.ts`, callerUrl), execArgv: ['--import', tsxUrl()] };
}

export interface CrashReport {
  /** Reports `error` unless one was reported already or the thread is being stopped. */
  crash(error: Error): void;
  /** The thread is being ended on purpose: its exit is no crash. */
  stopping(): void;
  /** True after a crash or once stopping. */
  readonly ended: boolean;
}

/** Calls `onCrash` at most once, for the first error or unasked-for exit of a thread. */
export function crashReport(onCrash: (error: Error) => void): CrashReport {
  let stopping = false;
  let crashed = false;
  return {
    crash(error) {
      if (stopping || crashed) return;
      crashed = true;
      onCrash(error);
    },
    stopping() {
      stopping = true;
    },
    get ended() {
      return stopping || crashed;
    },
  };
}
