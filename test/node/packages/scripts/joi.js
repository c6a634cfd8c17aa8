const Joi = require("joi");
const schema = Joi.object({ username: Joi.string().alphanum().min(3).required(), year: Joi.number().integer().min(1900), email: Joi.string().email({ tlds: false }) });
console.log(JSON.stringify(schema.validate({ username: "abc", year: 1990 })));
const { error } = schema.validate({ username: "a!", year: 10 }, { abortEarly: false });
console.log(error.details.map((d) => d.message).join(" | "));
