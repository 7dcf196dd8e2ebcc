import { freePort, type Running, startServer } from "../support/process.js";

export { freePort, type Running, startServer };

/** One signature through the API with a bearer token. */
export const signOver = (url: string, petitionId: string, token: string) =>
  fetch(`${url}/api/v1/petitions/${petitionId}/signatures`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: "{}",
    signal: AbortSignal.timeout(30_000),
  });
