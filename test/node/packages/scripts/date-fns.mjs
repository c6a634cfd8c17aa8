import { format, addDays, differenceInCalendarDays, parseISO, formatDistanceStrict, eachDayOfInterval, isWeekend, startOfMonth } from "date-fns";
const d = parseISO("2024-02-27T12:00:00Z");
console.log(format(addDays(d, 3), "yyyy-MM-dd"), differenceInCalendarDays(parseISO("2024-12-25"), parseISO("2024-01-01")));
console.log(formatDistanceStrict(parseISO("2024-01-01"), parseISO("2024-03-15")));
console.log(eachDayOfInterval({ start: parseISO("2024-03-01"), end: parseISO("2024-03-05") }).map((x) => isWeekend(x)).join(","));
console.log(format(startOfMonth(d), "EEEE do MMMM yyyy"));
