// uuid 14 is ESM-only: Node 22.12+ loads it with require() (require(esm)).
const { validate, v5 } = require("uuid");
console.log(validate(v5("hello", v5.DNS)));
