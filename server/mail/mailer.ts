/**
 * Mail behind a small interface. With SMTP configured it is nodemailer over
 * SMTP; without (the demo), each message is written as an .eml file under
 * $DATA_DIR/outbox so nothing needs a mail server.
 */
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config.js';
import { writeFileDurably } from '../platform/durable-file.js';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
}

export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
  readonly description: string;
}

/** A mail or database error's message for the log, with every email address in it replaced: recipients never reach the log. */
export function errorTextForLog(err: unknown): string | undefined {
  return (err as Error)?.message?.replace(/\S+@\S+/g, '<address>');
}

export function createMailer(config: Pick<Config, 'smtp' | 'mailFrom' | 'dataDir'>): Mailer {
  if (config.smtp) {
    const transport: Transporter = nodemailer.createTransport({
      host: config.smtp.host,
      port: config.smtp.port,
      secure: config.smtp.secure,
      ignoreTLS: config.smtp.ignoreTLS,
      auth: config.smtp.user ? { user: config.smtp.user, pass: config.smtp.pass } : undefined,
    });
    return {
      description: `SMTP ${config.smtp.host}:${config.smtp.port}`,
      async send(m) {
        const info = await transport.sendMail({ from: config.mailFrom, ...m });
        return { messageId: info.messageId };
      },
    };
  }
  const outbox = path.join(config.dataDir, 'outbox');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    description: `files in ${outbox} (no SMTP_HOST set)`,
    async send(m) {
      const info = await transport.sendMail({ from: config.mailFrom, ...m });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^A-Za-z0-9]/g, '').slice(0, 16)}.eml`;
      // Written whole or not at all (another instance or a mail pickup may read the folder), and fsynced.
      await writeFileDurably(path.join(outbox, name), info.message as Buffer);
      return { messageId: info.messageId };
    },
  };
}
