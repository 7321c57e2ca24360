import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(options: { level?: string } = {}): Logger {
  return pino({ level: options.level ?? process.env.LOG_LEVEL ?? 'info' });
}
