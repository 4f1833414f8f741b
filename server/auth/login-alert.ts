/** The email telling a user that someone is guessing their password. */
import type { Logger } from 'pino';
import type { Mailer } from '../mail/mailer.js';
import type { User } from '../users/user.entity.js';
import type { LoginAttackAlert } from './login-throttle.js';

export interface LoginAlertDeps {
  users: { findByEmail(email: string): Promise<User | null> };
  mailer: Mailer;
  config: { councilName: string; publicBaseUrl: string };
  logger: Logger;
}

/** Only active accounts are told: an address that is not a user gets no mail, whatever is typed into the form. */
export function loginAttackAlert(deps: LoginAlertDeps): LoginAttackAlert {
  return async (email, failures, since) => {
    const user = await deps.users.findByEmail(email);
    if (!user || !user.active) return;
    const sinceText = `${since.slice(0, 16).replace('T', ' ')} UTC`;
    await deps.mailer.send({
      to: user.email,
      subject: 'Someone is trying to log in to your Kerbside account',
      text: [
        `Hello ${user.name},`,
        '',
        `Since ${sinceText} there have been ${failures} failed attempts to log in to your Kerbside account (${user.email}) with a wrong password.`,
        '',
        'If that was not you, someone may be guessing your password. Your account is safe while the password is not guessed:',
        'logins from devices you have not used before are being slowed down, and the devices you have logged in from before still work as usual.',
        '',
        `If your password is easy to guess or used on other sites, ask your ${deps.config.councilName} Kerbside administrator to change it.`,
        `Kerbside: ${deps.config.publicBaseUrl}`,
        '',
        'We send this once per series of failed attempts.',
      ].join('\n'),
    });
    deps.logger.warn({ userId: user.id, failures }, 'login attack alert sent');
  };
}
