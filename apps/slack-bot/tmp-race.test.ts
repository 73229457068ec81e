import { it } from "vitest";
import { openPostgresStore } from "./src/store/index.js";
import { advance, callback, created, notify, submission } from "./test/store.fixtures.js";
import { freshPostgresDatabase } from "./test/support/postgres.js";

it("race", async () => {
  const db = await freshPostgresDatabase();
  const store = await openPostgresStore({ url: db.url });
  const ids: string[] = [];
  for (let i = 0; i < 20; i++) {
    const s = submission();
    await store.beginSubmission(s);
    await advance(store, s.id, created(`ODR${i}`));
    ids.push(s.id);
  }
  const errors: string[] = [];
  let n = 0;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (n < 1000) {
        const k = n++;
        const i = k % 20;
        try {
          await notify(store, ids[i] as string, callback(`ODR${i}`, "PAID", 1000 + (k % 7)));
        } catch (e) {
          errors.push(String(e));
        }
      }
    }),
  );
  console.log(errors.length, [...new Set(errors)].slice(0, 5));
  await store.close();
  await db.drop();
}, 120_000);
