const createDebug = require("debug");
createDebug.enable("app:*");
const log = createDebug("app:db");
log.log = (...args) => console.log("[debug]", args.length);
console.log(log.enabled, createDebug("other").enabled, log.namespace);
log("connected %o", { host: "x" });
