const Ajv = require("ajv");
const ajv = new Ajv({ allErrors: true });
const validate = ajv.compile({ type: "object", properties: { foo: { type: "integer" }, bar: { type: "string", pattern: "^b" } }, required: ["foo"], additionalProperties: false });
console.log(validate({ foo: 1, bar: "baz" }));
console.log(validate({ foo: "x", bar: "abc", extra: 1 }));
console.log(JSON.stringify(validate.errors.map((e) => [e.instancePath, e.keyword, e.message])));
console.log(ajv.errorsText(validate.errors));
