/** Renders notification templates: `{{name}}`, `{{#name}}…{{/name}}` (shown when set) and `{{^name}}…{{/name}}` (shown when not). */

/** Values a template is rendered with; absent, null and '' count as "not set". */
export type TemplateVariables = Record<string, string | number | null | undefined>;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escapes text for HTML element content and quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c]!);
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

const SECTION = /\{\{([#^])([a-zA-Z][a-zA-Z0-9_]*)\}\}([\s\S]*?)\{\{\/\2\}\}/g;
const VARIABLE = /\{\{([a-zA-Z][a-zA-Z0-9_]*)\}\}/g;

/**
 * Renders `source` with `variables`. `mode` decides how values are written: `html` escapes
 * them, `header` removes line breaks (no header injection), `text` writes them as they are.
 * Sections do not nest.
 */
export function renderTemplate(source: string, variables: TemplateVariables, mode: 'text' | 'html' | 'header'): string {
  const withSections = source.replace(SECTION, (_m, kind: string, name: string, body: string) => {
    const shown = kind === '#' ? isSet(variables[name]) : !isSet(variables[name]);
    return shown ? body : '';
  });
  return withSections.replace(VARIABLE, (_m, name: string) => {
    const value = variables[name];
    if (!isSet(value)) return '';
    const text = String(value);
    if (mode === 'html') return escapeHtml(text);
    if (mode === 'header') return text.replace(/[\r\n\t]+/g, ' ').trim();
    return text;
  });
}

/** The variable names a template source uses. */
export function templateVariables(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(/\{\{[#^/]?([a-zA-Z][a-zA-Z0-9_]*)\}\}/g)) names.add(match[1]!);
  return [...names];
}

/** A simple, e-mail-client friendly HTML page around `body` (already HTML). */
export function htmlLayout(body: string, lang: string): string {
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>`,
    '<body style="margin:0;padding:24px;background:#f5f5f4;font-family:Arial,Helvetica,sans-serif;color:#1c1917">',
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;padding:24px;border-radius:8px;line-height:1.5">',
    body,
    '</div></body></html>',
  ].join('\n');
}

/** Turns plain text paragraphs (blank-line separated) into `<p>` elements, after rendering as HTML. */
export function paragraphsToHtml(renderedHtmlText: string): string {
  return renderedHtmlText
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}
