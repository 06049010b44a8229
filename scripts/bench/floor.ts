/** The floor: a bare Hono Worker that answers 200 to any POST. Parley is measured against it. */
import { Hono } from "hono";

const app = new Hono();
app.post("*", (c) => c.text("ok"));

export default app;
