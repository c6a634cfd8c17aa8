const dayjs = require("dayjs");
const utc = require("dayjs/plugin/utc");
const relativeTime = require("dayjs/plugin/relativeTime");
dayjs.extend(utc); dayjs.extend(relativeTime);
const d = dayjs.utc("2024-02-28T10:00:00Z");
console.log(d.add(1, "day").format("YYYY-MM-DD dddd"), d.add(2, "day").format("MMM D"), d.daysInMonth());
console.log(d.from(dayjs.utc("2024-05-01")), d.diff(dayjs.utc("2023-01-01"), "month"), d.startOf("week").toISOString());
console.log(dayjs("2024-13-45").isValid(), d.isBefore(d.add(1, "ms")));
