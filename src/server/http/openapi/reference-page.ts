// Renders the OpenAPI document as one self-contained HTML page (no scripts): the human-readable API reference.

type Json = Record<string, unknown>;

const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options'];

export function escapeHtml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": '#39', '"': 'quot' }[char]};`);
}

function pretty(value: unknown): string {
  return escapeHtml(JSON.stringify(value, null, 2) ?? '');
}

function asRecord(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function parameters(operation: Json): string {
  const list = Array.isArray(operation.parameters) ? (operation.parameters as Json[]) : [];
  if (list.length === 0) return '';
  const rows = list
    .map((parameter) => {
      const type = asRecord(parameter.schema).type;
      return `<tr><td><code>${escapeHtml(String(parameter.name))}</code></td><td>${escapeHtml(String(parameter.in))}</td><td>${escapeHtml(String(type ?? ''))}</td><td>${parameter.required ? 'required' : ''}</td><td>${escapeHtml(String(parameter.description ?? ''))}</td></tr>`;
    })
    .join('');
  return `<table><tr><th>Parameter</th><th>In</th><th>Type</th><th></th><th></th></tr>${rows}</table>`;
}

function media(content: unknown): string {
  return Object.entries(asRecord(content))
    .map(([type, value]) => {
      const entry = asRecord(value);
      const example = 'example' in entry ? `<details><summary>Example</summary><pre>${pretty(entry.example)}</pre></details>` : '';
      const examples = Object.values(asRecord(entry.examples))
        .map((item) => `<details><summary>Example</summary><pre>${pretty(asRecord(item).value)}</pre></details>`)
        .join('');
      return `<div><code>${escapeHtml(type)}</code><details><summary>Schema</summary><pre>${pretty(entry.schema)}</pre></details>${example}${examples}</div>`;
    })
    .join('');
}

function operationHtml(method: string, path: string, operation: Json): string {
  const permission = String(operation['x-permission'] ?? 'unspecified');
  const body = asRecord(operation.requestBody);
  const request = Object.keys(body).length > 0 ? `<h4>Request body</h4>${escapeHtml(String(body.description ?? ''))}${media(body.content)}` : '';
  const responses = Object.entries(asRecord(operation.responses))
    .map(([status, value]) => {
      const response = asRecord(value);
      return `<li><strong>${escapeHtml(status)}</strong> ${escapeHtml(String(response.description ?? ''))}${media(response.content)}</li>`;
    })
    .join('');
  const id = `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, '-');
  return [
    `<section class="op" id="${escapeHtml(id)}">`,
    `<h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code> <span class="perm">${escapeHtml(permission)}</span></h3>`,
    operation.summary ? `<p>${escapeHtml(String(operation.summary))}</p>` : '',
    operation.description ? `<p class="description">${escapeHtml(String(operation.description))}</p>` : '',
    parameters(operation),
    request,
    responses ? `<h4>Responses</h4><ul>${responses}</ul>` : '',
    '</section>',
  ].join('\n');
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2430}
code,pre{font-family:ui-monospace,monospace}pre{background:#f4f6f8;padding:.6rem;overflow:auto;font-size:13px}
.op{border-top:1px solid #d8dde3;padding:.4rem 0}.method{display:inline-block;min-width:4.2rem;text-align:center;border-radius:4px;color:#fff;background:#5b6573;font-size:13px}
.get{background:#2f7d4f}.post{background:#2458a6}.put,.patch{background:#9a6a00}.delete{background:#a33131}
.perm{font-size:12px;border:1px solid #8893a0;border-radius:10px;padding:0 .5rem;color:#4a5360}
table{border-collapse:collapse}td,th{border:1px solid #d8dde3;padding:.2rem .5rem;text-align:left}nav li{display:inline;margin-right:.8rem}`;

/** The reference page: operations grouped by tag, each with its permission, parameters, schemas and examples. */
export function renderReferencePage(document: Json): string {
  const info = asRecord(document.info);
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(asRecord(document.paths)).sort(([a], [b]) => a.localeCompare(b))) {
    for (const method of METHODS) {
      const operation = asRecord(asRecord(item)[method]);
      if (Object.keys(operation).length === 0) continue;
      const tag = String((operation.tags as string[] | undefined)?.[0] ?? 'misc');
      byTag.set(tag, [...(byTag.get(tag) ?? []), operationHtml(method, path, operation)]);
    }
  }
  const tags = [...byTag.keys()].sort();
  const nav = `<nav><ul>${tags.map((tag) => `<li><a href="#tag-${escapeHtml(tag)}">${escapeHtml(tag)}</a></li>`).join('')}</ul></nav>`;
  const sections = tags.map((tag) => `<h2 id="tag-${escapeHtml(tag)}">${escapeHtml(tag)}</h2>\n${(byTag.get(tag) ?? []).join('\n')}`).join('\n');
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(String(info.title ?? 'API'))}</title><style>${STYLE}</style></head><body>`,
    `<h1>${escapeHtml(String(info.title ?? 'API'))} <small>${escapeHtml(String(info.version ?? ''))}</small></h1>`,
    `<p>${escapeHtml(String(info.description ?? ''))}</p>`,
    '<p>Machine-readable: <a href="openapi.json">openapi.json</a> (OpenAPI 3.1).</p>',
    nav,
    sections,
    '</body></html>',
    '',
  ].join('\n');
}
