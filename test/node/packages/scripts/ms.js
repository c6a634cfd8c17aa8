const ms = require("ms");
console.log(ms("2 days"), ms("1d"), ms("10h"), ms("-3 days"), ms("1y"));
console.log(ms(60000), ms(2 * 60000), ms(ms("10 hours"), { long: true }));
