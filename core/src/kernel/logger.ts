import pino, { type Logger } from 'pino';

/** Bytes of log lines buffered before a write, and the longest a line waits in the buffer. */
const BUFFER_BYTES = 4096;
const FLUSH_EVERY_MS = 500;

/**
 * Creates Plaza's root logger: JSON lines on stdout (pipe through `pino-pretty` to read them).
 * Lines are written in batches of up to 4 KB and at least every 500 ms — one request log line
 * per request would otherwise cost a write syscall each. `Plaza.close()` flushes the rest.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  if (level === 'silent' && !destination) return pino({ level });
  let stream = destination;
  if (!stream) {
    const buffered = pino.destination({ sync: false, minLength: BUFFER_BYTES });
    setInterval(() => buffered.flush(), FLUSH_EVERY_MS).unref();
    stream = buffered;
  }
  return pino(
    {
      level,
      base: { service: 'plaza' },
      redact: { paths: ['req.headers.authorization', 'req.headers["x-plaza-key"]', '*.secret', '*.password'], censor: '[redacted]' },
    },
    stream,
  );
}
