import { v4, v5, v7, validate, version, parse, stringify, NIL } from "uuid";
const id = v4();
console.log(validate(id), version(id), id.length);
console.log(v5("hello", v5.DNS), v5("https://example.com", v5.URL));
console.log(validate(v7()), version(v7()));
console.log(stringify(parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8")), NIL);
console.log(v4({ random: new Uint8Array(16).fill(7) }));
