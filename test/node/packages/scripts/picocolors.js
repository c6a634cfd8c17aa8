const pc = require("picocolors");
console.log(pc.isColorSupported, pc.red("plain"));
const forced = pc.createColors(true);
console.log(JSON.stringify(forced.bold(forced.green("x"))));
