// Run as `node --import tsx tests/helpers/lock-holder.ts <dir>`: holds the embedded database's lock on <dir>
// like a server does, until killed (tests/security/pglite-lock.test.ts).
import { acquireDirLock } from "../../db/lock";

acquireDirLock(process.argv[2]);
console.log("locked");
setInterval(() => {}, 1000);
