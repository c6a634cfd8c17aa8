const moment = require("moment");
const m = moment.utc("2024-02-28T10:00:00Z");
console.log(m.add(1, "day").format("dddd, MMMM Do YYYY"), m.clone().subtract(3, "months").format("YYYY-MM-DD"), m.isLeapYear());
console.log(moment.duration(90, "minutes").humanize(), moment.utc("2024-01-01").from(moment.utc("2024-03-01")));
