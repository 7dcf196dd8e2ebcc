import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "tiles");
const LAND = fs.readFileSync(path.join(FIXTURES, "land.png"));
const WATER = fs.readFileSync(path.join(FIXTURES, "water.png"));

export interface TileServer {
  /** The URL template to configure as MAP_TILE_URL. */
  template: string;
  origin: string;
  /** The paths asked for, in order (`/tiles/12/2861/1343.png`). */
  requests: string[];
  stop(): Promise<void>;
}

/**
 * A tile server on 127.0.0.1 for tests: every `/tiles/{z}/{x}/{y}.png` is one of two fixture
 * tiles (test/fixtures/tiles), chequered by x + y so a map's tiles can be told apart; anything
 * else is 404. It records every request, so a test can show the map's tiles came from here.
 */
export async function startTileServer(): Promise<TileServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = req.url ?? "";
    requests.push(url);
    const m = /^\/tiles\/(\d{1,2})\/(\d{1,7})\/(\d{1,7})\.png$/.exec(url);
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    const tile = (Number(m[2]) + Number(m[3])) % 2 === 0 ? LAND : WATER;
    res.writeHead(200, { "content-type": "image/png", "content-length": tile.length }).end(tile);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    template: `${origin}/tiles/{z}/{x}/{y}.png`,
    origin,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
