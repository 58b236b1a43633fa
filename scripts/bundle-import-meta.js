// Injected into the CommonJS server bundle: `import.meta.url` and `import.meta.resolve` of the ESM sources, for a CommonJS file.
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

export const importMetaUrl = pathToFileURL(__filename).href;
export const importMetaResolve = (specifier) => pathToFileURL(createRequire(__filename).resolve(specifier)).href;
