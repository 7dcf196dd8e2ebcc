// A cluster worker for test/process/broadcast.test.ts: builds the broadcast as a Halyq worker
// does (REDIS_URL from its environment, else cluster IPC), reports what it receives to the
// primary, and publishes when the primary asks it to.
import cluster from "node:cluster";
import pino from "pino";

const { createBroadcast } = await import(
  process.env.HALYQ_TEST_DIST === "1"
    ? "../../dist/platform/broadcast.js"
    : "../../src/platform/broadcast.ts"
);

const broadcast = createBroadcast({
  redisUrl: process.env.REDIS_URL || null,
  redisPrefix: process.env.REDIS_PREFIX || "halyq:",
  log: pino({ level: "silent" }),
});
const id = cluster.worker?.id;
broadcast.subscribe("test.topic", (payload) => process.send({ received: payload, id }));
process.on("message", (m) => {
  if (m?.publish !== undefined)
    void broadcast
      .publish("test.topic", m.publish)
      .then(() => process.send({ published: m.publish, id }));
  if (m?.stop) void broadcast.close().then(() => process.exit(0));
});
// Ready once messages from the others reach this worker.
const ready = setInterval(() => {
  if (!broadcast.live) return;
  clearInterval(ready);
  process.send({ ready: true, id, transport: broadcast.transport });
}, 10);
