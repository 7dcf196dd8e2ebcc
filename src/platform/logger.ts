import pino, { type DestinationStream, type Logger } from "pino";

/** The parts of a request the access log may show. */
interface LoggedRequest {
  method?: string;
  url?: string;
  ip?: string;
  id?: string;
}

/**
 * Halyq's logger. Requests are logged by method and path only: a query string can carry what
 * people type (a search for a name, an e-mail in a link), and personal data stays out of logs.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    serializers: {
      req: (req: LoggedRequest) => ({
        method: req.method,
        path: typeof req.url === "string" ? req.url.split("?")[0] : undefined,
        remoteAddress: req.ip,
      }),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
