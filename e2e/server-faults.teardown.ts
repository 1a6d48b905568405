import fs from "node:fs";
import { SERVER_FAULT_LOG } from "../playwright.config";

/**
 * Global teardown: the run fails when the server recorded an unhandled rejection or an uncaught exception
 * (scripts/server.mjs appends them to SERVER_FAULT_LOG), even if every page looked fine to the specs.
 */
export default function checkServerFaults() {
  const text = fs.existsSync(SERVER_FAULT_LOG) ? fs.readFileSync(SERVER_FAULT_LOG, "utf8").trim() : "";
  if (text) throw new Error(`the server recorded ${text.split("\n").length} fault line(s):\n${text.slice(0, 4000)}`);
}
