import pino, { type DestinationStream, type Logger } from "pino";

/** The parts of a request the access log may show. */
interface LoggedRequest {
  method?: string;
  url?: string;
  ip?: string;
  id?: string;
}

/**
 * Paths that carried a secret before it moved to the query string (links already sent out
 * still arrive this way): the secret part is masked in the log.
 */
const SECRET_IN_PATH: readonly RegExp[] = [/^(\/petitions\/join\/)[^/]+/];

/** A request's path as the log may show it: no query string, no secret. */
export function loggedPath(url: string): string {
  let path = url.split("?")[0] ?? "";
  for (const pattern of SECRET_IN_PATH) path = path.replace(pattern, "$1[masked]");
  return path;
}

/**
 * Halyq's logger. Requests are logged by method and path only: a query string can carry what
 * people type (a search for a name, an e-mail in a link) or a link's secret (confirmation,
 * reset and invitation tokens), and personal data and secrets stay out of logs.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    serializers: {
      req: (req: LoggedRequest) => ({
        method: req.method,
        path: typeof req.url === "string" ? loggedPath(req.url) : undefined,
        remoteAddress: req.ip,
      }),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
