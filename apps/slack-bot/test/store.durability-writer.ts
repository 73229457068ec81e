/**
 * Run by store.durability.test.ts in a child process: writes orders as fast as it can and reports
 * each write over IPC only after the store acknowledged it, until the parent kills it with SIGKILL.
 */
import { openSqliteStore } from "../src/store/sqlite.js";
import { advance, callback, created, notify, submission } from "./store.fixtures.js";

export interface Acknowledged {
  id: string;
  step: "begun" | "created" | "invoiced";
}

function acknowledge(message: Acknowledged): Promise<void> {
  return new Promise((resolve, reject) =>
    process.send?.(message, undefined, {}, (error) => (error ? reject(error) : resolve())),
  );
}

const dataDir = process.argv[2];
if (!dataDir || !process.send) throw new Error("usage: fork store.durability-writer.ts <dataDir> (with IPC)");
const store = openSqliteStore({ dataDir });
for (let index = 0; ; index++) {
  const order = submission();
  const fpOrderUuid = `ODR${1_000_000 + index}`;
  await store.beginSubmission(order);
  await acknowledge({ id: order.id, step: "begun" });
  await advance(store, order.id, created(fpOrderUuid));
  await acknowledge({ id: order.id, step: "created" });
  await notify(store, order.id, callback(fpOrderUuid, "INVOICED", 1_755_150_000 + index));
  await acknowledge({ id: order.id, step: "invoiced" });
}
