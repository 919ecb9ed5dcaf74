// Starts fauxqs on 127.0.0.1 only, on a free port, and prints
// {"port": N} once it listens. fauxqs's own starter (startFauxqs, its
// CLI) binds every address; buildApp plus listen with a host does not.
//
// Usage: node fauxqs.mjs DIR, where DIR/node_modules holds fauxqs.
// It runs until stdin closes, so it ends with the test that started it.
import path from "node:path";
import { pathToFileURL } from "node:url";

const dir = process.argv[2];
const { buildApp } = await import(pathToFileURL(path.join(dir, "node_modules", "fauxqs", "dist", "app.js")).href);
const app = buildApp({ logger: false });
await app.listen({ host: "127.0.0.1", port: 0 });
console.log(JSON.stringify({ port: app.server.address().port }));
process.stdin.resume();
process.stdin.on("end", async () => {
  await app.close();
  process.exit(0);
});
