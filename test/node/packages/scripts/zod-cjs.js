const { z } = require("zod");
const schema = z.union([z.string(), z.number()]).array();
console.log(JSON.stringify(schema.parse(["a", 1])), schema.safeParse([true]).success);
