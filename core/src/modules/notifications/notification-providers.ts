import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

/** A message ready to go out, as a provider receives it. */
export interface OutgoingMessage {
  /** The notification message id (use it as the provider's idempotency key when it has one). */
  id: string;
  channel: string;
  /** E-mail address, phone number… what the channel needs. */
  to: string;
  from: string;
  template: string;
  locale: string;
  subject: string;
  text: string;
  html: string;
}

/** What a provider reports for a message it accepted. */
export interface SendResult {
  /** The provider's own id of the message (SMTP message id, file name, API id…). */
  providerMessageId?: string | null;
}

/**
 * Sends messages of some channels (`email`, `sms`, `whatsapp`, `push`). Throwing means "try
 * again later" (the send job retries with backoff, then marks the message failed); throw a
 * {@link PermanentSendError} when retrying cannot help (an address the provider refuses).
 */
export interface NotificationProvider {
  /** Unique code, recorded on every message (e.g. `smtp`, `file`, `twilio-sms`). */
  code: string;
  channels: readonly string[];
  send(message: OutgoingMessage): Promise<SendResult>;
  /** Called on shutdown (close SMTP pools…). */
  close?(): Promise<void> | void;
}

/** A failure retrying cannot fix: the message is marked failed at once. */
export class PermanentSendError extends Error {
  constructor(
    message: string,
    readonly reason = 'PROVIDER_REJECTED',
  ) {
    super(message);
    this.name = 'PermanentSendError';
  }
}

/**
 * The providers in use, per channel. The core binds an e-mail provider (SMTP when `SMTP_URL`
 * is set, else the file provider); a plugin replaces it or adds other channels by calling
 * {@link use} from its `register` (or `onReady`) hook. The last provider bound for a channel wins.
 */
export class NotificationProviders {
  private readonly byChannel = new Map<string, NotificationProvider>();

  /** Makes `provider` the one sending its channels. */
  use(provider: NotificationProvider): void {
    if (!provider.code || provider.channels.length === 0) throw new Error('a notification provider needs a code and at least one channel');
    for (const channel of provider.channels) this.byChannel.set(channel, provider);
  }

  /** The provider sending `channel`, if any. */
  for(channel: string): NotificationProvider | undefined {
    return this.byChannel.get(channel);
  }

  /** Channel → provider code. */
  describe(): { channel: string; provider: string }[] {
    return [...this.byChannel.entries()].map(([channel, p]) => ({ channel, provider: p.code })).sort((a, b) => a.channel.localeCompare(b.channel));
  }

  async close(): Promise<void> {
    for (const provider of new Set(this.byChannel.values())) await provider.close?.();
  }
}

function mailOptions(message: OutgoingMessage) {
  return {
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: `<${message.id}@plaza.local>`,
    headers: { 'X-Plaza-Template': message.template, 'X-Plaza-Message-Id': message.id },
  };
}

/**
 * Writes each e-mail as an RFC 5322 `.eml` file (`<messageId>.eml`) in a directory, so a
 * newcomer can open what a customer would receive. The default without SMTP.
 */
export class FileEmailProvider implements NotificationProvider {
  readonly code = 'file';
  readonly channels = ['email'] as const;
  private readonly transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'crlf' });

  constructor(readonly directory: string) {}

  async send(message: OutgoingMessage): Promise<SendResult> {
    const info = await this.transport.sendMail(mailOptions(message));
    await mkdir(this.directory, { recursive: true });
    const file = `${message.id}.eml`;
    await writeFile(path.join(this.directory, file), info.message as Buffer);
    return { providerMessageId: file };
  }
}

/** Sends e-mail over SMTP (nodemailer), e.g. `smtp://user:pass@mail.example.com:587`. */
export class SmtpEmailProvider implements NotificationProvider {
  readonly code = 'smtp';
  readonly channels = ['email'] as const;
  private readonly transport;

  constructor(url: string) {
    this.transport = nodemailer.createTransport(url);
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    try {
      const info = await this.transport.sendMail(mailOptions(message));
      return { providerMessageId: info.messageId ?? null };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      // 5xx: the server refuses this message for good (unknown mailbox, policy); 4xx and network errors are temporary.
      if (typeof code === 'number' && code >= 500 && code < 600) throw new PermanentSendError(`SMTP ${code}: ${(error as Error).message}`, 'SMTP_REJECTED');
      throw error;
    }
  }

  close(): void {
    this.transport.close();
  }
}

/** The built-in e-mail provider for this configuration: SMTP when a URL is set, else `.eml` files in `outboxDir`. */
export function builtInEmailProvider(config: { smtpUrl?: string; outboxDir: string }): NotificationProvider {
  return config.smtpUrl ? new SmtpEmailProvider(config.smtpUrl) : new FileEmailProvider(config.outboxDir);
}
