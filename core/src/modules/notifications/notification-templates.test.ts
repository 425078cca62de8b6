import { describe, expect, it } from 'vitest';
import { escapeHtml, renderTemplate, templateVariables } from './template-render.js';
import { NotificationTemplates, pickLocale } from './notification-templates.js';
import { shippedTemplates } from './shipped-templates.js';
import { builtInEmailProvider, FileEmailProvider, SmtpEmailProvider } from './notification-providers.js';
import { resolveConfig } from '../../kernel/config.js';

function registry(): NotificationTemplates {
  const templates = new NotificationTemplates();
  for (const t of shippedTemplates) templates.register(t);
  return templates;
}

describe('renderTemplate', () => {
  it('escapes HTML, strips line breaks from headers, and shows sections only when their variable is set', () => {
    const source = 'Hi {{name}}{{#code}} — code {{code}}{{/code}}{{^code}} (no code){{/code}}';
    expect(renderTemplate(source, { name: '<i>&"\'' }, 'html')).toBe('Hi &lt;i&gt;&amp;&quot;&#39; (no code)');
    expect(renderTemplate(source, { name: 'A', code: 'X9' }, 'text')).toBe('Hi A — code X9');
    expect(renderTemplate('Order {{ref}}', { ref: 'R1\r\nBcc: evil@example.test' }, 'header')).toBe('Order R1 Bcc: evil@example.test');
    expect(renderTemplate('{{a}}|{{b}}|{{c}}', { a: null, b: '', c: 0 }, 'text')).toBe('||0');
    expect(escapeHtml('`')).toBe('&#96;');
  });

  it('lists the variables a source uses', () => {
    expect(templateVariables('{{#a}}{{b}}{{/a}}{{^c}}x{{/c}}').sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('pickLocale', () => {
  it('prefers the exact tag, then the language, per wish in order, then en', () => {
    expect(pickLocale(['en', 'es', 'es-MX'], ['es-MX'])).toBe('es-MX');
    expect(pickLocale(['en', 'es'], ['es-ES'])).toBe('es');
    expect(pickLocale(['en', 'es'], [null, 'fr-FR', 'es-AR'])).toBe('es');
    expect(pickLocale(['en', 'es'], ['de-DE'])).toBe('en');
    expect(pickLocale(['es'], ['de'])).toBe('es');
  });
});

describe('the shipped templates', () => {
  it('exist in English and Spanish and render with only their required variables', () => {
    const templates = registry();
    for (const template of templates.list()) {
      expect(Object.keys(template.locales).sort(), template.code).toEqual(['en', 'es']);
      const required = Object.fromEntries(template.variables.filter((v) => v.required).map((v) => [v.name, 'V-1']));
      for (const locale of ['en', 'es']) {
        const out = templates.render(template.code, locale, required);
        expect(out.subject.length, `${template.code} ${locale}`).toBeGreaterThan(3);
        expect(out.text).not.toMatch(/\{\{|\}\}/);
        expect(out.html).not.toMatch(/\{\{|\}\}/);
        expect(out.html).toContain(`<html lang="${locale}">`);
      }
      // Every variable a source uses is declared.
      const declared = new Set(template.variables.map((v) => v.name));
      for (const content of Object.values(template.locales)) {
        for (const name of templateVariables(`${content.subject}${content.text}${content.html ?? ''}`)) expect(declared.has(name), `${template.code}: ${name}`).toBe(true);
      }
    }
  });

  it('shows the pickup code and QR slot when given, and drops URLs that are not http(s) or images', () => {
    const templates = registry();
    const withQr = templates.render('order.ready_for_pickup', 'en', { reference: 'W-1', pickupCode: 'K7Q2', qrImageUrl: 'https://cdn.example.test/qr/W-1.png' });
    expect(withQr.html).toContain('<img src="https://cdn.example.test/qr/W-1.png"');
    expect(withQr.text).toContain('K7Q2');
    const withoutQr = templates.render('order.ready_for_pickup', 'en', { reference: 'W-1', qrImageUrl: 'javascript:alert(1)' });
    expect(withoutQr.html).not.toContain('<img');
    expect(withoutQr.text).not.toContain('Show this code');
  });

  it('refuses a missing required variable with its field path, and an unknown template', () => {
    const templates = registry();
    expect(() => templates.render('order.shipped', 'en', {})).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', reason: 'MISSING_VARIABLE' }));
    expect(() => templates.render('nope', 'en', {})).toThrow(expect.objectContaining({ reason: 'TEMPLATE_UNKNOWN' }));
    expect(() => templates.register(shippedTemplates[0]!)).toThrow(/twice/);
  });

  it('lets a plugin add a locale', () => {
    const templates = registry();
    templates.addLocale('order.shipped', 'fr', { subject: 'Commande {{reference}} expédiée', text: 'Votre commande {{reference}} est partie.' });
    expect(templates.localeFor('order.shipped', ['fr-FR'])).toBe('fr');
    expect(templates.render('order.shipped', 'fr-BE', { reference: 'A1' }).subject).toBe('Commande A1 expédiée');
  });
});

describe('the built-in e-mail provider', () => {
  it('is SMTP when SMTP_URL is set, else the file provider under <dataDir>/outbox', () => {
    expect(builtInEmailProvider({ outboxDir: '/tmp/x' })).toBeInstanceOf(FileEmailProvider);
    const smtp = builtInEmailProvider({ smtpUrl: 'smtp://127.0.0.1:2525', outboxDir: '/tmp/x' });
    expect(smtp).toBeInstanceOf(SmtpEmailProvider);
    (smtp as SmtpEmailProvider).close();
    const config = resolveConfig({}, { SMTP_URL: 'smtps://u:p@mail.example.test:465', SMTP_FROM: 'Shop <shop@example.test>' });
    expect(config.notifications).toEqual({ smtpUrl: 'smtps://u:p@mail.example.test:465', from: 'Shop <shop@example.test>' });
    expect(resolveConfig({}, {}).notifications).toEqual({ from: 'Plaza <no-reply@plaza.local>' });
    expect(() => resolveConfig({}, { SMTP_URL: 'http://nope' })).toThrow(/notifications.smtpUrl/);
  });
});
