import pino, { Logger } from 'pino';

/**
 * One structured logger. Secrets never reach it: cookies, authorization headers and every
 * password-like field are redacted, whatever the caller passes.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: 'ensemble' },
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
        '*.password_hash',
        '*.newPassword',
        '*.currentPassword',
        '*.confirmPassword',
        '*.sessionSecret',
        '*._csrf',
      ],
      censor: '[masqué]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
export type { Logger };
