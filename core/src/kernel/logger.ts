import pino, { type Logger } from 'pino';

/** Creates Plaza's root logger (JSON lines on stdout; `LOG_PRETTY=1` is for humans via pino-pretty). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'plaza' },
      redact: { paths: ['req.headers.authorization', 'req.headers["x-plaza-key"]', '*.secret', '*.password'], censor: '[redacted]' },
    },
    destination ?? pino.destination({ sync: false }),
  );
}
