import { parse } from "csv-parse/sync";
import { parse as parseStream } from "csv-parse";
console.log(JSON.stringify(parse('name,age\n"Doe, J",42\nann,7\n', { columns: true, cast: true })));
const rows = [];
parseStream("a;b\n1;2\n", { delimiter: ";" }).on("data", (r) => rows.push(r)).on("end", () => console.log(JSON.stringify(rows)));
