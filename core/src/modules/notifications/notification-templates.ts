import { errors } from '../../kernel/errors.js';
import { htmlLayout, paragraphsToHtml, renderTemplate, type TemplateVariables } from './template-render.js';

/** The words of one template in one locale. `html` is optional: without it the text's paragraphs are used. */
export interface TemplateContent {
  subject: string;
  text: string;
  /** HTML body (inside a simple layout); variables are HTML-escaped. */
  html?: string;
}

/** A variable a template accepts. */
export interface TemplateVariable {
  name: string;
  description: string;
  /** A message without it is not sent (reason MISSING_VARIABLE). */
  required?: boolean;
  /** `url` values must be http(s) (or a data:image for QR codes), others are dropped. */
  kind?: 'text' | 'url';
}

/**
 * A message template: a code (`order.ready_for_pickup`), its category and its words per locale.
 * `transactional` messages (account, order status) do not need marketing consent; `marketing`
 * ones need the customer's `marketing` consent for the channel.
 */
export interface NotificationTemplate {
  code: string;
  name: string;
  description?: string;
  category: 'transactional' | 'marketing';
  /**
   * Account-security messages the customer just asked for (verification, password reset): sent
   * even when the customer withdrew `transactional` consent for the channel.
   */
  security?: boolean;
  variables: TemplateVariable[];
  /** Locale (`en`, `es`, `es-MX`…) → words. `en` is the last fallback and should be present. */
  locales: Record<string, TemplateContent>;
}

/** A rendered message. */
export interface RenderedMessage {
  template: string;
  locale: string;
  subject: string;
  text: string;
  html: string;
}

const CODE = /^[a-z][a-z0-9_.-]{0,63}$/;

/** Picks the best available locale: exact tag, then its language, for each wish in order; then `en`, then any. */
export function pickLocale(available: readonly string[], wishes: readonly (string | null | undefined)[]): string {
  const lower = new Map(available.map((l) => [l.toLowerCase(), l]));
  for (const wish of wishes) {
    if (!wish) continue;
    const tag = wish.toLowerCase();
    const exact = lower.get(tag);
    if (exact) return exact;
    const language = lower.get(tag.split('-')[0]!);
    if (language) return language;
  }
  return lower.get('en') ?? available[0]!;
}

function safeUrl(value: string): string | null {
  if (/^https?:\/\/[^\s"'<>]+$/i.test(value)) return value;
  if (/^data:image\/(png|gif|svg\+xml|jpeg);base64,[a-z0-9+/=]+$/i.test(value)) return value;
  return null;
}

/**
 * The registry of message templates. The core ships the account and order/return templates in
 * English and Spanish; other modules and plugins add theirs with {@link register} (in their
 * `register` hook, after requiring `core.notifications`), or add a locale to an existing
 * template with {@link addLocale}.
 */
export class NotificationTemplates {
  private readonly templates = new Map<string, NotificationTemplate>();

  /** Adds a template; a code registered twice is a programming error. */
  register(template: NotificationTemplate): void {
    if (!CODE.test(template.code)) throw new Error(`notification template code "${template.code}" must look like "order.shipped"`);
    if (this.templates.has(template.code)) throw new Error(`notification template "${template.code}" is registered twice`);
    if (Object.keys(template.locales).length === 0) throw new Error(`notification template "${template.code}" has no locale`);
    this.templates.set(template.code, { ...template, locales: { ...template.locales } });
  }

  /** Adds or replaces one locale's words of a registered template (e.g. a plugin translating to French). */
  addLocale(code: string, locale: string, content: TemplateContent): void {
    const template = this.templates.get(code);
    if (!template) throw new Error(`notification template "${code}" is not registered`);
    template.locales[locale] = content;
  }

  get(code: string): NotificationTemplate | undefined {
    return this.templates.get(code);
  }

  /** Every template, by code. */
  list(): NotificationTemplate[] {
    return [...this.templates.values()].sort((a, b) => a.code.localeCompare(b.code));
  }

  /** The locale a message in `code` would be written in for these wishes (customer's, platform's). */
  localeFor(code: string, wishes: readonly (string | null | undefined)[]): string {
    const template = this.require(code);
    return pickLocale(Object.keys(template.locales), wishes);
  }

  /**
   * Renders a template in `locale` (falling back as {@link pickLocale} does). Unknown variables
   * are ignored; a missing required one is BAD_USER_INPUT (reason MISSING_VARIABLE).
   */
  render(code: string, locale: string, variables: TemplateVariables): RenderedMessage {
    const template = this.require(code);
    const chosen = pickLocale(Object.keys(template.locales), [locale]);
    const content = template.locales[chosen]!;
    const values: TemplateVariables = {};
    const missing: string[] = [];
    for (const variable of template.variables) {
      const raw = variables[variable.name];
      let value = raw === undefined || raw === null ? null : String(raw);
      if (value !== null && variable.kind === 'url') value = safeUrl(value);
      if ((value === null || value === '') && variable.required) missing.push(variable.name);
      values[variable.name] = value;
    }
    if (missing.length > 0) {
      throw errors.badInput(
        `Template ${code} needs ${missing.join(', ')}`,
        missing.map((name) => ({ path: `variables.${name}`, message: 'is required by the template' })),
        'MISSING_VARIABLE',
      );
    }
    const body = content.html ? renderTemplate(content.html, values, 'html') : paragraphsToHtml(renderTemplate(content.text, values, 'html'));
    return {
      template: code,
      locale: chosen,
      subject: renderTemplate(content.subject, values, 'header'),
      text: renderTemplate(content.text, values, 'text'),
      html: htmlLayout(body, chosen),
    };
  }

  private require(code: string): NotificationTemplate {
    const template = this.templates.get(code);
    if (!template) throw errors.badInput(`There is no notification template "${code}"`, [{ path: 'template', message: 'unknown template' }], 'TEMPLATE_UNKNOWN');
    return template;
  }
}
